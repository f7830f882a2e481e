//go:build unix

package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// moveChildEnv names what TestMoveOutChild does in a process of its own: "kill" (move,
// holding the lock until told to go on, and SIGKILL itself right after the drop's
// commit) or "wait" (move once the lock is free); moveDirEnv is the directory of the
// databases and of the files the processes signal with.
const (
	moveChildEnv = "STORE_MOVE_CHILD"
	moveDirEnv   = "STORE_MOVE_DIR"
)

// TestMoveOutKilledAfterDrop runs two OS processes on one shared store: the first
// takes the lock and is killed -9 right after the drop commits, before the rename,
// while the second is already waiting in MoveOut. The second must finish the move with
// every row.
func TestMoveOutKilledAfterDrop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two processes")
	}
	dir := t.TempDir()
	shared, path := filepath.Join(dir, "shop.db"), filepath.Join(dir, "shop-store.db")
	want := sharedWithStore(t, shared)
	child := func(role string) (*exec.Cmd, *strings.Builder) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMoveOutChild$", "-test.v")
		cmd.Env = append(os.Environ(), moveChildEnv+"="+role, moveDirEnv+"="+dir)
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, out
	}
	killed, killedOut := child("kill")
	waitFile(t, filepath.Join(dir, "locked"))
	waiter, waiterOut := child("wait")
	waitFile(t, filepath.Join(dir, "waiting"))
	time.Sleep(300 * time.Millisecond) // the second process is in MoveOut, at the lock
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := killed.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the first process was not killed after the drop: %v\n%s", err, killedOut)
	}
	if err := waiter.Wait(); err != nil {
		t.Fatalf("the second process: %v\n%s", err, waiterOut)
	}
	if !strings.Contains(waiterOut.String(), "moved=true") {
		t.Errorf("the second process did not finish the move:\n%s", waiterOut)
	}
	checkMoved(t, shared, path, want)
}

// TestMoveOutChild is one of TestMoveOutKilledAfterDrop's processes; it does nothing
// unless started by it.
func TestMoveOutChild(t *testing.T) {
	role, dir := os.Getenv(moveChildEnv), os.Getenv(moveDirEnv)
	if role == "" {
		t.Skip("run by TestMoveOutKilledAfterDrop")
	}
	ctx := context.Background()
	shared, path := filepath.Join(dir, "shop.db"), filepath.Join(dir, "shop-store.db")
	switch role {
	case "kill":
		defer store.SetMoveHooks(func() error {
			if err := os.WriteFile(filepath.Join(dir, "locked"), nil, 0o600); err != nil {
				return err
			}
			waitFile(t, filepath.Join(dir, "go"))
			return nil
		}, func() error {
			return syscall.Kill(os.Getpid(), syscall.SIGKILL)
		})()
		moved, err := store.MoveOut(ctx, shared, path)
		t.Fatalf("MoveOut returned (%v, %v) instead of being killed", moved, err)
	case "wait":
		if err := os.WriteFile(filepath.Join(dir, "waiting"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		// The first process's copy may outlast the busy timeout on a loaded machine.
		for deadline := time.Now().Add(time.Minute); ; {
			moved, err := store.MoveOut(ctx, shared, path)
			if sqlite.IsBusy(err) && time.Now().Before(deadline) {
				continue
			}
			fmt.Printf("moved=%v err=%v\n", moved, err)
			if err != nil {
				t.Fatal(err)
			}
			return
		}
	}
}

// waitFile waits up to a minute for the file at path to exist.
func waitFile(t *testing.T, path string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not appear", filepath.Base(path))
		}
	}
}
