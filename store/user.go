package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
)

const userColumns = `u.id, u.email, u.name, u.role, u.body_id, b.slug, u.disabled`
const userFrom = ` FROM users u JOIN bodies b ON b.id = u.body_id`

func scanUser(row interface{ Scan(...any) error }) (terbuka.User, error) {
	var u terbuka.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.BodyID, &u.BodySlug, &u.Disabled)
	return u, err
}

// CreateUser stores a staff account. Bad input, an unknown body, a weak
// password and a duplicate e-mail are reported as domain errors.
func (s *Store) CreateUser(ctx context.Context, in terbuka.NewUser) (terbuka.User, error) {
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Name = strings.TrimSpace(in.Name)
	if err := in.Validate(); err != nil {
		return terbuka.User{}, err
	}
	body, err := s.BodyBySlug(ctx, in.BodySlug)
	if err != nil {
		return terbuka.User{}, terbuka.Problems{"body": terbuka.M("invalid.unknown_body", in.BodySlug)}.Err()
	}
	hash, err := s.hasher.Hash(ctx, in.Password)
	if err != nil {
		return terbuka.User{}, fmt.Errorf("hash password: %w", err)
	}
	u := terbuka.User{Email: in.Email, Name: in.Name, Role: in.Role, BodyID: body.ID, BodySlug: body.Slug}
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE email = $1", u.Email).Scan(&n); err != nil {
			return fmt.Errorf("check user: %w", err)
		}
		if n > 0 {
			return terbuka.Errorf(terbuka.EConflict, "conflict.duplicate_email")
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, role, body_id, password_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, u.Email, u.Name, u.Role, u.BodyID, hash, s.Now()).Scan(&u.ID); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(nil, terbuka.AuditUserCreated, terbuka.AuditEntityUser, u.Email,
			map[string]any{"id": u.ID, "name": u.Name, "role": u.Role, "body": u.BodySlug}))
	})
	return u, err
}

// UserByEmail returns an account or not found.
func (s *Store) UserByEmail(ctx context.Context, email string) (terbuka.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, "SELECT "+userColumns+userFrom+" WHERE u.email = $1", strings.ToLower(strings.TrimSpace(email))))
	if errors.Is(err, sql.ErrNoRows) {
		return u, terbuka.ErrNotFound("user")
	}
	if err != nil {
		return u, fmt.Errorf("get user: %w", err)
	}
	return u, nil
}

// CreateToken issues a new API bearer token for the account with email
// and returns it; only its hash is stored.
func (s *Store) CreateToken(ctx context.Context, email string) (string, error) {
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return "", err
	}
	token := "tbk_" + newSecret()
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
			u.ID, hashSecret(token), s.Now()).Scan(&id); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(nil, terbuka.AuditTokenCreated, terbuka.AuditEntityUser, u.Email,
			map[string]any{"token_id": id}))
	})
	if err != nil {
		return "", fmt.Errorf("insert token: %w", err)
	}
	return token, nil
}

// UserByToken authenticates an API bearer token.
func (s *Store) UserByToken(ctx context.Context, token string) (terbuka.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, "SELECT "+userColumns+userFrom+
		" JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = $1 AND t.revoked_at IS NULL", hashSecret(token)))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Disabled) {
		return terbuka.User{}, terbuka.Errorf(terbuka.EUnauthorized, "unauthorized.token")
	}
	if err != nil {
		return u, fmt.Errorf("get token: %w", err)
	}
	return u, nil
}

// Login policy: after maxFailedLogins wrong passwords the account is
// locked for lockout, on every instance (the counter is in the database).
const (
	maxFailedLogins = 10
	lockout         = 15 * time.Minute
	SessionLifetime = 12 * time.Hour
)

// Login checks a password and opens a session; it returns the session
// secret for the cookie. Unknown e-mail and wrong password look the same.
func (s *Store) Login(ctx context.Context, email, pw string) (terbuka.User, string, error) {
	bad := terbuka.Errorf(terbuka.EUnauthorized, "invalid.login")
	email = strings.ToLower(strings.TrimSpace(email))
	var hash string
	var locked sql.NullTime
	row := s.read.QueryRowContext(ctx, "SELECT "+userColumns+", u.password_hash, u.locked_until"+userFrom+" WHERE u.email = $1", email)
	var u terbuka.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.BodyID, &u.BodySlug, &u.Disabled, &hash, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		// Spend the same time as a real check so timing does not reveal accounts.
		_, _ = s.hasher.Verify(ctx, dummyHash, pw)
		return terbuka.User{}, "", bad
	}
	if err != nil {
		return terbuka.User{}, "", fmt.Errorf("login: %w", err)
	}
	now := s.Now()
	if locked.Valid && locked.Time.After(now) {
		return terbuka.User{}, "", terbuka.Errorf(terbuka.ERateLimited, "rate_limited")
	}
	ok, err := s.hasher.Verify(ctx, hash, pw)
	if err != nil {
		return terbuka.User{}, "", fmt.Errorf("login verify: %w", err)
	}
	if !ok || u.Disabled {
		// One statement, so concurrent wrong passwords cannot slip past
		// the limit: every right-hand side sees the row as it was.
		err := s.db.inTx(ctx, func(tx *sql.Tx) error {
			var failed int
			if err := tx.QueryRowContext(ctx, `UPDATE users SET
				failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END,
				locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END
				WHERE id = $3 RETURNING failed_logins`, maxFailedLogins, now.Add(lockout), u.ID).Scan(&failed); err != nil {
				return err
			}
			return s.appendAudit(ctx, tx, loginFailedAudit(u, failed == 0))
		})
		if err != nil {
			return terbuka.User{}, "", fmt.Errorf("record failed login: %w", err)
		}
		return terbuka.User{}, "", bad
	}
	secret := newSecret()
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1", u.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at < $1", now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
			hashSecret(secret), u.ID, now, now.Add(SessionLifetime)); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditUserLogin, terbuka.AuditEntityUser, u.Email, nil))
	})
	if err != nil {
		return terbuka.User{}, "", fmt.Errorf("open session: %w", err)
	}
	return u, secret, nil
}

// dummyHash is a valid hash of a random password, verified when the
// e-mail is unknown.
const dummyHash = "$argon2id$v=19$m=65536,t=1,p=2$c29tZXNhbHRzb21lc2FsdA$Jw4T0t3a1Yy3QW0n5F3cXw0WkW1sV2H3uYxWmZ8pQ5c"

// SessionUser returns the user of a live session.
func (s *Store) SessionUser(ctx context.Context, secret string) (terbuka.User, error) {
	u, err := scanUser(s.read.QueryRowContext(ctx, "SELECT "+userColumns+userFrom+
		" JOIN sessions x ON x.user_id = u.id WHERE x.token_hash = $1 AND x.expires_at > $2", hashSecret(secret), s.Now()))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && u.Disabled) {
		return terbuka.User{}, terbuka.Errorf(terbuka.EUnauthorized, "unauthorized.login")
	}
	if err != nil {
		return u, fmt.Errorf("get session: %w", err)
	}
	return u, nil
}

// Logout ends a session.
func (s *Store) Logout(ctx context.Context, secret string) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, "DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id", hashSecret(secret)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // no such session: nothing changed, nothing to record
		}
		if err != nil {
			return err
		}
		u, err := scanUser(tx.QueryRowContext(ctx, "SELECT "+userColumns+userFrom+" WHERE u.id = $1", id))
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditUserLogout, terbuka.AuditEntityUser, u.Email, nil))
	})
}

// CountUsers returns how many accounts exist (to decide demo seeding).
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n, err
}

// CountBodies returns how many bodies exist.
func (s *Store) CountBodies(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM bodies").Scan(&n)
	return n, err
}
