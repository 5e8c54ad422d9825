# horusec-tui — build, try and test.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
BIN     := bin/horusec-tui

.PHONY: build demo test test-unit lint bench screenshots fmt vet clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/horusec-tui

# Opens the terminal UI on the embedded demo platform, logged in as the demo
# Manager. Nothing is written to the keyring.
demo: build
	./$(BIN) --demo

# go vet, then every package's tests with the race detector. When dbus and
# gnome-keyring are installed (.ci/run installs them), the tests run inside a
# private D-Bus session with a fresh, unlocked GNOME keyring and a throwaway
# HOME, so the keyring tests use the real Secret Service; otherwise those
# tests say that they are skipped (and fail when CI=true).
TESTFLAGS ?=
test:
	$(GO) vet ./...
	@if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then \
		home=$$(mktemp -d) && trap 'rm -rf "$$home"' EXIT && \
		GOCACHE=$$($(GO) env GOCACHE) GOMODCACHE=$$($(GO) env GOMODCACHE) GOPATH=$$($(GO) env GOPATH) HOME=$$home HORUSEC_TUI_KEYRING_TESTS=1 dbus-run-session -- sh -c \
			'printf "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && $(GO) test -race -count=1 $(TESTFLAGS) ./...'; \
	else \
		echo "make test: dbus-run-session or gnome-keyring-daemon not found: real-keyring tests are skipped (apt-get install dbus gnome-keyring libsecret-tools)"; \
		$(GO) test -race -count=1 $(TESTFLAGS) ./...; \
	fi

# staticcheck at a pinned version (fetched through the Go module proxy),
# gofmt, go mod tidy and go vet; each must have nothing to say.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt -l: not formatted:"; echo "$$out"; exit 1; fi
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# The figures of the README's "Performance" section: first frame with data
# against the curl floor, one key press and one filter keystroke on lists of
# 100 to 10,000, peak memory on 10,000 workspaces and on 10,000
# repositories, opening, G and a search on 1,000 and 10,000 repositories
# against their curl floors (needs tmux and curl), and the repository page
# size's effect on opening the tab; the Vulnerabilities tab on 10,001
# files and a file of 2,000 findings (opening, G, and a key press while a
# page loads). BENCHFLAGS='-bench Vuln' runs only the latter.
BENCHFLAGS ?=
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(BENCHFLAGS) ./cmd/horusec-tui/e2e/
	$(GO) test -run '^$$' -bench OpenPageSize $(BENCHFLAGS) ./tui/repositories/
	$(GO) test -run '^$$' -bench Vuln -benchmem $(BENCHFLAGS) ./tui/vulnerabilities/

# Regenerates assets/screenshots/*.png from the demo (needs tmux, and
# rsvg-convert from librsvg2-bin; freeze is run with 'go run' if missing).
screenshots:
	$(GO) run ./cmd/screenshots -out assets/screenshots

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

clean:
	rm -rf bin
