package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config locates a bucket on an S3-compatible object store (AWS S3,
// MinIO, Ceph RGW, Garage, versitygw, a cloud provider's object storage).
type S3Config struct {
	Endpoint  string // host[:port], no scheme: "s3.ap-southeast-3.amazonaws.com", "127.0.0.1:9000"
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string // may be empty for stores that ignore it
	Secure    bool   // HTTPS; false only on a trusted network or loopback
	// TempDir is where Put spools uploads larger than spoolInMemory while
	// hashing them; empty means os.TempDir().
	TempDir string
}

// S3 stores files as objects "sha256/ab/abcd…" in a bucket, so several app
// instances (scale-out) share one store with no shared file system. A PUT
// is atomic in S3: readers never see a partial object.
type S3 struct {
	client *minio.Client
	bucket string
	tmp    string
}

// spoolInMemory is the size up to which Put hashes an upload in memory;
// larger uploads go through a temporary file.
const spoolInMemory = 4 << 20

// NewS3 connects to the bucket of cfg, creating the bucket when it does
// not exist. An unreachable endpoint, wrong credentials or a bucket that
// cannot be created are errors here, at start, not at the first upload.
func NewS3(ctx context.Context, cfg S3Config) (*S3, error) {
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		return nil, errors.New("files: S3 needs an endpoint and a bucket")
	}
	client, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:       cfg.Secure,
		Region:       cfg.Region,
		BucketLookup: minio.BucketLookupAuto,
	})
	if err != nil {
		return nil, fmt.Errorf("files: S3 endpoint %s: %w", cfg.Endpoint, err)
	}
	exists, err := client.BucketExists(ctx, cfg.Bucket)
	if err != nil {
		return nil, fmt.Errorf("files: S3 endpoint %s, bucket %s: %w", cfg.Endpoint, cfg.Bucket, err)
	}
	if !exists {
		if err := client.MakeBucket(ctx, cfg.Bucket, minio.MakeBucketOptions{Region: cfg.Region}); err != nil {
			// Another instance may have created it in the meantime.
			if again, aerr := client.BucketExists(ctx, cfg.Bucket); aerr != nil || !again {
				return nil, fmt.Errorf("files: S3 create bucket %s: %w", cfg.Bucket, err)
			}
		}
	}
	tmp := cfg.TempDir
	if tmp == "" {
		tmp = os.TempDir()
	}
	return &S3{client: client, bucket: cfg.Bucket, tmp: tmp}, nil
}

// key is the object name of sha; sha must be valid.
func s3Key(sha string) string { return "sha256/" + sha[:2] + "/" + sha }

// Put implements Store. The name of an object is its hash, known only
// once every byte was read: small uploads are hashed in memory, larger
// ones spooled to a temporary file, and nothing reaches the bucket before
// the size limit and the hash are settled.
func (s *S3) Put(ctx context.Context, r io.Reader, maxBytes int64) (Ref, error) {
	h := sha256.New()
	var mem bytes.Buffer
	n, err := io.Copy(io.MultiWriter(&mem, h), io.LimitReader(limited(ctxReader{ctx, r}, maxBytes), spoolInMemory+1))
	if err != nil {
		return Ref{}, fmt.Errorf("files: put: %w", err)
	}
	if maxBytes > 0 && n > maxBytes {
		return Ref{}, ErrTooLarge
	}
	var body io.ReadSeeker = bytes.NewReader(mem.Bytes())
	if n > spoolInMemory {
		tmp, err := os.CreateTemp(s.tmp, "terbuka-s3-*")
		if err != nil {
			return Ref{}, fmt.Errorf("files: put: %w", err)
		}
		defer func() {
			tmp.Close()
			os.Remove(tmp.Name())
		}()
		if _, err := tmp.Write(mem.Bytes()); err != nil {
			return Ref{}, fmt.Errorf("files: put: %w", err)
		}
		mem = bytes.Buffer{}
		var rest io.Reader = ctxReader{ctx, r}
		if maxBytes > 0 {
			rest = io.LimitReader(rest, maxBytes-n+1) // one more than allowed tells "too large"
		}
		m, err := io.Copy(io.MultiWriter(tmp, h), rest)
		if err != nil {
			return Ref{}, fmt.Errorf("files: put: %w", err)
		}
		n += m
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return Ref{}, fmt.Errorf("files: put: %w", err)
		}
		body = tmp
	}
	if maxBytes > 0 && n > maxBytes {
		return Ref{}, ErrTooLarge
	}
	ref := Ref{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}
	key := s3Key(ref.SHA256)
	if info, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{}); err == nil && info.Size == n {
		return ref, nil // already stored: same hash, same bytes
	} else if err != nil && !isS3NotFound(err) {
		return Ref{}, fmt.Errorf("files: put: stat %s: %w", key, err)
	}
	// One PUT, not a multipart upload: files are at most tens of MiB, and
	// a single PUT is atomic on every S3-compatible store.
	if _, err := s.client.PutObject(ctx, s.bucket, key, body, n, minio.PutObjectOptions{
		ContentType: "application/octet-stream", DisableMultipart: true, SendContentMd5: true,
	}); err != nil {
		return Ref{}, fmt.Errorf("files: put %s: %w", key, err)
	}
	return ref, nil
}

// Open implements Store. The object is fetched as it is read; a missing
// one is detected here, not at the first Read.
func (s *S3) Open(ctx context.Context, sha string) (io.ReadCloser, error) {
	if !ValidSHA(sha) {
		return nil, ErrNotFound
	}
	obj, err := s.client.GetObject(ctx, s.bucket, s3Key(sha), minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("files: open: %w", err)
	}
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		if isS3NotFound(err) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("files: open: %w", err)
	}
	return obj, nil
}

// Delete implements Store. S3 answers a DELETE of a missing key with
// success, which is the contract already.
func (s *S3) Delete(ctx context.Context, sha string) error {
	if !ValidSHA(sha) {
		return nil
	}
	if err := s.client.RemoveObject(ctx, s.bucket, s3Key(sha), minio.RemoveObjectOptions{}); err != nil && !isS3NotFound(err) {
		return fmt.Errorf("files: delete: %w", err)
	}
	return nil
}

// isS3NotFound reports whether err says the key is not there.
func isS3NotFound(err error) bool {
	e := minio.ToErrorResponse(err)
	return e.Code == minio.NoSuchKey || e.StatusCode == http.StatusNotFound
}

var _ Store = (*S3)(nil)
