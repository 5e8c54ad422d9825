module github.com/horusec-tui/horusec-tui

go 1.26
