// Package compare finds what changed between two versions of a packet's
// documents and of the applicant data they were made from, the way a
// lawyer reads a redline: documents are aligned by their structure first
// (chapters, articles, clause labels), so that an inserted clause does not
// mark everything after it and a renumbered article is not a change; then
// each clause is compared by characters in Chinese and by words in English,
// tables by rows and then cells; a clause moved unchanged is a move. The
// result is a redline — one document model whose spans are marked inserted,
// deleted or moved (document.Mark) — that the DOCX and PDF generators set as
// tracked changes and as a marked-up PDF, and a summary of the changes.
package compare
