package vulnerabilities

import (
	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

// filesMsg answers one page of the file list. seq is the query generation
// it was asked for: a reply for an older filter or refresh is dropped.
type filesMsg struct {
	to   int
	seq  int
	page int
	size int
	res  client.VulnFilePage
	// rows are res.Data drawn for a list width wide.
	rows  []table.Row
	width int
	err   error
}

func (m filesMsg) ReplyTo() int { return m.to }

// findingsMsg answers one page of the findings of the open file.
type findingsMsg struct {
	to   int
	seq  int
	page int
	size int
	res  client.VulnerabilityPage
	rows []cachedRow // res.Data drawn unmarked and unchanged
	err  error
}

func (m findingsMsg) ReplyTo() int { return m.to }

// savedMsg answers the change of findings.
type savedMsg struct {
	to  int
	n   int
	err error
}

func (m savedMsg) ReplyTo() int { return m.to }
