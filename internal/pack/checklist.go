package pack

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/finding"
)

var fileStem = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,40}$`) })

// Item is one entry of the checklist (申报资料目录与核对表) in checklist.yaml.
type Item struct {
	// Identifier; attachments name it in their item field.
	ID string `json:"id" pp:"required"`
	// Name of the material (材料名称).
	Name finding.Text `json:"name" pp:"required"`
	// Condition on the data, a pongo2 expression such as abroad or
	// product.category == "adc"; the item is dropped when it is false.
	When string `json:"when"`
	// Whether the item is repeated for every manufacturer.
	PerManufacturer bool `json:"per_manufacturer"`
	// required (必要), optional (非必要) or deferrable (容缺).
	Necessity Necessity `json:"necessity" pp:"required"`
	// original (原件), copy (复印件) or both.
	Form Form `json:"form" pp:"required"`
	// paper (纸质), electronic (电子) or both.
	Medium Medium `json:"medium" pp:"required"`
	// Number of copies (份数).
	Copies int `json:"copies"`
	// Who produces it: applicant (申请人自备) or authority (部门核发).
	Source Source `json:"source" pp:"required"`
	// What the material must show or how it must be presented (要求).
	Requirements finding.Text `json:"requirements"`
	// Responsible party: holder, manufacturer or both.
	Responsible Party `json:"responsible" pp:"required"`
	// Id of the pack document that satisfies the item, if pilotpack writes it.
	Document string `json:"document"`
	// Kinds of attachment that satisfy the item.
	Attachments []applicant.AttachmentKind `json:"attachments"`
}

type checklistFile struct {
	Items []Item `json:"items" pp:"required"`
	// In a pack that extends another: ids of the base's items to drop.
	Omit []string `json:"omit"`
}

type enumTable []applicant.Label

func (t enumTable) keys() []string {
	var out []string
	for _, l := range t {
		out = append(out, l.Key)
	}
	return out
}

func (t enumTable) find(k string) applicant.Label {
	for _, l := range t {
		if l.Key == k {
			return l
		}
	}
	return applicant.Label{Key: k, Zh: k, En: k}
}

// Necessity says whether an item must be filed.
type Necessity string

var necessities = enumTable{{Key: "required", Zh: "必要", En: "required"}, {Key: "optional", Zh: "非必要", En: "optional"}, {Key: "deferrable", Zh: "容缺", En: "may follow later"}}

func (Necessity) EnumKeys() []string       { return necessities.keys() }
func (n Necessity) Label() applicant.Label { return necessities.find(string(n)) }

// Form says whether the original or a copy is filed.
type Form string

var forms = enumTable{{Key: "original", Zh: "原件", En: "original"}, {Key: "copy", Zh: "复印件", En: "copy"}, {Key: "both", Zh: "原件及复印件", En: "original and copy"}}

func (Form) EnumKeys() []string       { return forms.keys() }
func (f Form) Label() applicant.Label { return forms.find(string(f)) }

// Medium says whether an item is filed on paper or electronically.
type Medium string

var media = enumTable{{Key: "paper", Zh: "纸质", En: "paper"}, {Key: "electronic", Zh: "电子", En: "electronic"}, {Key: "both", Zh: "纸质及电子", En: "paper and electronic"}}

func (Medium) EnumKeys() []string       { return media.keys() }
func (m Medium) Label() applicant.Label { return media.find(string(m)) }

// Source says who produces an item.
type Source string

var sources = enumTable{{Key: "applicant", Zh: "申请人自备", En: "prepared by the applicant"}, {Key: "authority", Zh: "部门核发", En: "issued by an authority"}}

func (Source) EnumKeys() []string       { return sources.keys() }
func (s Source) Label() applicant.Label { return sources.find(string(s)) }

// Party is who is responsible for an item.
type Party string

// The key holder names the company that files, which is the 申请人 of the
// pilot whether or not its product is approved yet.
var parties = enumTable{{Key: "holder", Zh: "申请人", En: "applicant"}, {Key: "manufacturer", Zh: "受托生产企业", En: "contract manufacturer"}, {Key: "both", Zh: "申请人与受托生产企业", En: "applicant and manufacturer"}}

func (Party) EnumKeys() []string       { return parties.keys() }
func (p Party) Label() applicant.Label { return parties.find(string(p)) }

// Conditions are pongo2 expressions, compiled once each.
var (
	condSet   *pongo2.TemplateSet
	condMu    sync.Mutex
	condCache = map[string]*pongo2.Template{}
)

func compileCondition(expr string) (*pongo2.Template, error) {
	setup()
	condMu.Lock()
	defer condMu.Unlock()
	if t, ok := condCache[expr]; ok {
		return t, nil
	}
	if condSet == nil {
		condSet = pongo2.NewSet("conditions", noFiles{})
		for _, tag := range []string{"ssi", "include", "import", "extends"} {
			condSet.BanTag(tag)
		}
	}
	if strings.Contains(expr, "%}") || strings.Contains(expr, "}}") {
		return nil, fmt.Errorf("%q: write an expression, not template tags", expr)
	}
	parseMu.Lock() // pongo2's parsers are shared with the engines'
	t, err := condSet.FromString("{% if " + expr + " %}1{% endif %}")
	parseMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid condition: %v", expr, err)
	}
	condCache[expr] = t
	return t, nil
}

// Applies evaluates the item's condition in ctx.
func (it Item) Applies(ctx pongo2.Context) (bool, error) {
	if it.When == "" {
		return true, nil
	}
	t, err := compileCondition(it.When)
	if err != nil {
		return false, err
	}
	out, err := t.Execute(ctx)
	if err != nil {
		return false, fmt.Errorf("checklist item %s: when: %v", it.ID, err)
	}
	return out == "1", nil
}

// noFiles is the loader of conditions: they read no files.
type noFiles struct{}

func (noFiles) Abs(base, name string) string { return name }
func (noFiles) Get(path string) (io.Reader, error) {
	return nil, fmt.Errorf("conditions cannot read files")
}
