package vulnerabilities

import "github.com/horusec-tui/horusec-tui/client"

// filesMsg answers one page of the file list. seq is the query generation
// it was asked for: a reply for an older filter or refresh is dropped.
type filesMsg struct {
	to   int
	seq  int
	page int
	size int
	res  client.VulnFilePage
	err  error
}

func (m filesMsg) ReplyTo() int { return m.to }

// findingsMsg answers one page of the findings of the open file.
type findingsMsg struct {
	to   int
	seq  int
	page int
	size int
	res  client.VulnerabilityPage
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
