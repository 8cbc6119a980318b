package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// childEnv makes the test binary act as Isolated's child: "serve" runs
// ServeChild, "hang" never answers, "crash" dies as a stack overflow does.
const childEnv = "TERBUKA_EXTRACT_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "serve":
		if err := ServeChild(context.Background(), os.Args[len(os.Args)-1], os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	case "hang":
		time.Sleep(time.Hour)
	case "crash":
		fmt.Fprintln(os.Stderr, "fatal error: stack overflow")
		os.Exit(2)
	}
}

func TestIsolated_ReadsPDFInAChild(t *testing.T) {
	t.Setenv(childEnv, "serve")
	x := Isolated{Command: []string{os.Args[0]}, Timeout: 30 * time.Second}
	data := makePDF(t, []string{kalimat})
	got, err := x.Text(context.Background(), PDF, bytes.NewReader(data), int64(len(data)))
	if err != nil || !strings.Contains(got, kalimat) {
		t.Fatalf("Text = %q, %v", got, err)
	}
	bad := xrefCyclePDF()
	if _, err := x.Text(context.Background(), PDF, bytes.NewReader(bad), int64(len(bad))); err == nil {
		t.Fatal("a malformed PDF gave no error")
	}
}

func TestIsolated_SurvivesAChildThatHangsOrCrashes(t *testing.T) {
	data := makePDF(t, []string{kalimat})
	for _, mode := range []string{"hang", "crash"} {
		t.Run(mode, func(t *testing.T) {
			t.Setenv(childEnv, mode)
			x := Isolated{Command: []string{os.Args[0]}, Timeout: 2 * time.Second}
			start := time.Now()
			got, err := x.Text(context.Background(), PDF, bytes.NewReader(data), int64(len(data)))
			if err == nil || got != "" {
				t.Fatalf("Text = %q, %v; want an error", got, err)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
}

func TestIsolated_OtherTypesStayInProcess(t *testing.T) {
	x := Isolated{Command: []string{"/nonexistent/child"}}
	data := makeDOCX(t, "Rencana kerja")
	got, err := x.Text(context.Background(), DOCX, bytes.NewReader(data), int64(len(data)))
	if err != nil || got != "Rencana kerja" {
		t.Fatalf("Text = %q, %v", got, err)
	}
}
