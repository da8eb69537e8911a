package renderctx

import (
	"pilotpack/internal/applicant"
	"pilotpack/internal/lang"
)

// Activity is one row of the responsibility matrix (职责分工表).
type Activity struct {
	// Identifier that applicant files override by.
	ID string `json:"id" pp:"required"`
	// The quality-agreement chapter the activity belongs to.
	Chapter lang.Text `json:"chapter" pp:"required"`
	// The activity.
	Name lang.Text `json:"name" pp:"required"`
	// The holder's default role.
	Holder applicant.Role `json:"holder" pp:"required"`
	// The manufacturer's default role.
	Manufacturer applicant.Role `json:"manufacturer" pp:"required"`
}

// Row is a row of a manufacturer's responsibility matrix: the pack's default
// with the applicant file's change applied.
type Row struct {
	Activity
	Note applicant.Text
	// Changed marks a row the applicant file overrides.
	Changed bool
}

// MatrixFor returns the responsibility matrix of manufacturer m (nil: the
// defaults).
func MatrixFor(defaults []Activity, m *applicant.Manufacturer) []Row {
	rows := make([]Row, len(defaults))
	for i, a := range defaults {
		rows[i] = Row{Activity: a}
		if m == nil {
			continue
		}
		for _, o := range m.Responsibilities {
			if o.Activity == a.ID {
				rows[i].Holder, rows[i].Manufacturer = o.Holder, o.Manufacturer
				rows[i].Note, rows[i].Changed = o.Note, true
			}
		}
	}
	return rows
}

func rowsValue(rows []Row, l lang.Lang) []any {
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = map[string]any{"id": r.ID, "chapter": r.Chapter.In(l), "name": r.Name.In(l),
			"holder": string(r.Holder), "manufacturer": string(r.Manufacturer), "note": Text(r.Note, l, false), "changed": r.Changed}
	}
	return out
}
