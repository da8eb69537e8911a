package document

// Mark says how a redline marks a span or a table row: what changed
// between an earlier and a later version of a document. A redline is one
// document holding both versions: unmarked text is in both, inserted text
// only in the later, deleted text only in the earlier. Moved text is
// deleted at its old place and inserted at its new one, unchanged.
//
// A paragraph whose every span is inserted (deleted) is itself inserted
// (deleted): accepting the changes removes (keeps) the whole paragraph,
// not only its text.
type Mark int

// Marks. The zero value is text common to both versions.
const (
	Unmarked  Mark = iota
	Inserted       // only in the later version
	Deleted        // only in the earlier version
	MovedFrom      // the earlier place of text moved unchanged
	MovedTo        // the later place of text moved unchanged
)

var markNames = [...]string{"", "ins", "del", "moved-from", "moved-to"}

func (m Mark) String() string { return markNames[m] }

// InOld reports whether text with this mark is in the earlier version.
func (m Mark) InOld() bool { return m == Unmarked || m == Deleted || m == MovedFrom }

// InNew reports whether text with this mark is in the later version.
func (m Mark) InNew() bool { return m == Unmarked || m == Inserted || m == MovedTo }

// WholeMark returns the mark every span of spans carries, or Unmarked when
// they differ or there are none: the mark of a paragraph as a whole.
func WholeMark(spans []Span) Mark {
	if len(spans) == 0 {
		return Unmarked
	}
	m := spans[0].Mark
	for _, s := range spans[1:] {
		if s.Mark != m {
			return Unmarked
		}
	}
	return m
}
