package web

import (
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter keeps one token bucket per key (an IP address) in a bounded map:
// when full, idle buckets are dropped, so a flood of addresses cannot grow
// memory without limit. It limits per instance; login attempts are also
// counted in the database, which all instances share.
type Limiter struct {
	mu      sync.Mutex
	every   time.Duration
	burst   int
	max     int
	buckets map[string]*bucket
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// NewLimiter allows burst events at once and one more every every.
func NewLimiter(every time.Duration, burst, maxKeys int) *Limiter {
	return &Limiter{every: every, burst: burst, max: maxKeys, buckets: map[string]*bucket{}}
}

// Allow reports whether key may act now.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.max {
			for k, v := range l.buckets {
				if now.Sub(v.seen) > l.every*time.Duration(l.burst) {
					delete(l.buckets, k)
				}
			}
			if len(l.buckets) >= l.max {
				return false
			}
		}
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// ClientIP is the peer address of r. Behind a reverse proxy, run the proxy
// on the same host; X-Forwarded-For is not trusted because anyone can set it.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
