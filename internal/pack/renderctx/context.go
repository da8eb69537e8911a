// Package renderctx builds what a template sees: the applicant file's data
// in the document's language, the facts clauses depend on, and the pack's
// policy. A packet's context is built once per language and shared by all
// its documents; each document adds only who it is made for, so memory
// grows with the applicant file, not with its square.
//
// Text and names are resolved for the document's language here, once, so
// templates print {{ applicant.registered_address }} in either language and
// never choose between .zh and .en. In an English document a name given
// only in Chinese is transliterated with the Chinese in parentheses, an
// institution takes its official English name, and other text missing its
// English wording prints as the drafting blank [●] (validation warns).
package renderctx

import (
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/flosch/pongo2/v6"

	"pilotpack/internal/applicant"
	"pilotpack/internal/civil"
	"pilotpack/internal/datafile"
	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
	"pilotpack/internal/readiness"
	"pilotpack/internal/rules"
	"pilotpack/internal/translit"
)

// Blank is what an English document prints where the applicant file gives
// a text only in Chinese: the placeholder drafts use for a term to fill in.
const Blank = "[●]"

// Options say what a context is built for.
type Options struct {
	// Lang is the document's language.
	Lang lang.Lang
	// Date is the build date, printed as the date of drafts.
	Date civil.Date
	// Draft marks documents built from data with errors.
	Draft bool
}

// Pack is what a template pack contributes to every context.
type Pack struct {
	ID, Version  string
	Name, Issuer lang.Text
	Documents    []Document
	Policy       *rules.Policy
	Matrix       []Activity
}

// Document is one document of a pack, as templates list them.
type Document struct {
	ID              string
	Title           lang.Text
	PerManufacturer bool
}

// Base is the context of one applicant file in one language, shared by
// every document of a packet. It is not changed once built, so documents
// may be rendered from it in parallel.
type Base struct {
	root pongo2.Context
	mfrs map[string]map[string]any
	a    *applicant.Applicant
	p    *Pack
	opts Options
}

// New builds the shared context of a, for documents in opts.Lang.
//
// Besides every section of the file under its field names, it holds:
//
//	lang, today, draft, abroad, role.full/.short, bureau
//	applicant.name, product.name/.lyophilised/.vaccine/.combination/.approved
//	stages[].term, .site_name, .at_holder, .facts
//	transfers[].from_stage, .to_stage, .crosses_sites
//	manufacturers[].name, .stages, .qa_staff, .matrix, .receives, .ships,
//	  .abroad, .facts, .upstream, .downstream, .attachment_kinds
//	unevaluated, uncommitted
//	holder_stages, holder_facts, matrix (the defaults), policy, pack,
//	documents, findings, finding_counts
//
// facts are what clauses depend on: stage_keys, high_potency, aseptic,
// lyophilises, live, device, labels (printed packaging). Each manufacturer
// also lists the attachment_kinds the file attaches for it, and unevaluated
// and uncommitted name the manufacturers whose evaluation of the applicant,
// or commitment to inspection abroad, is not attached.
func New(a *applicant.Applicant, p *Pack, opts Options, fs finding.List) *Base {
	c := &converter{lang: opts.Lang}
	root := pongo2.Context{}
	for k, v := range c.value(reflect.ValueOf(a.File).Elem(), "").(map[string]any) {
		root[k] = v
	}
	b := &Base{root: root, mfrs: map[string]map[string]any{}, a: a, p: p, opts: opts}
	b.derive(fs)
	return b
}

// For returns the context of a document made for the manufacturer with the
// given id ("" for documents made once): the shared values with
// manufacturer set.
func (b *Base) For(manufacturer string) pongo2.Context {
	ctx := maps.Clone(b.root)
	if m, ok := b.mfrs[manufacturer]; ok {
		ctx["manufacturer"] = m
	}
	return ctx
}

// With returns a copy of b with more shared values, such as the packet's
// readiness, that every document may print.
func (b *Base) With(values map[string]any) *Base {
	nb := *b
	nb.root = maps.Clone(b.root)
	maps.Copy(nb.root, values)
	return &nb
}

// Lang is the language the context was built for.
func (b *Base) Lang() lang.Lang { return b.opts.Lang }

func (b *Base) derive(fs finding.List) {
	a, l, ctx := b.a, b.opts.Lang, b.root
	pr := &a.Product
	ctx["lang"] = string(l)
	ctx["today"] = dateValue(b.opts.Date)
	ctx["draft"] = b.opts.Draft
	ctx["abroad"] = a.Abroad()
	full, short := pr.Role()
	ctx["role"] = map[string]any{"full": full.In(l), "short": short.In(l)}
	ctx["bureau"] = applicant.BureauName(a.Application.Province).In(l)

	app := ctx["applicant"].(map[string]any)
	app["name"] = pick(l, a.Applicant.NameZh, a.Applicant.NameEn)
	prod := ctx["product"].(map[string]any)
	prod["name"] = pick(l, pr.NameZh, pr.NameEn)
	prod["lyophilised"], prod["vaccine"], prod["combination"], prod["approved"] = pr.Lyophilised(), pr.Vaccine(), pr.Combination(), pr.Approved()

	// The key posts in their order, each with its wording, for tables.
	kp, _ := app["key_personnel"].(map[string]any)
	var persons []any
	for _, post := range keyPosts {
		persons = append(persons, map[string]any{"post": post.name.In(l), "person": kp[post.field]})
	}
	ctx["key_persons"] = persons

	stages, _ := ctx["stages"].([]any)
	siteName := func(site string) string {
		if site == applicant.HolderSite {
			return pick(l, a.Applicant.NameZh, a.Applicant.NameEn)
		}
		if m, _ := a.Manufacturer(site); m != nil {
			return pick(l, m.NameZh, m.NameEn)
		}
		return site
	}
	facts := map[string]applicant.StageFacts{}
	keys := map[string][]any{}
	labels := map[string]bool{}
	packaged := slices.ContainsFunc(a.Stages, func(s applicant.Stage) bool { return s.Key == "packaging" })
	var holderStages []any
	for i, s := range a.Stages {
		sm := stages[i].(map[string]any)
		sm["term"] = s.Key.Term(pr).In(l)
		sm["site_name"] = siteName(s.Site)
		sm["at_holder"] = s.Site == applicant.HolderSite
		f := s.Key.Facts(pr)
		// Printed packaging materials are handled where the product is
		// packed: the packaging stage, or filling where no stage packs.
		lb := s.Key == "packaging" || s.Key == "fill_finish" && !packaged
		sm["facts"] = factsValue(f, []any{string(s.Key)}, lb)
		facts[s.Site] = facts[s.Site].Or(f)
		keys[s.Site] = appendNew(keys[s.Site], string(s.Key))
		labels[s.Site] = labels[s.Site] || lb
		if s.Site == applicant.HolderSite {
			holderStages = append(holderStages, sm)
		}
	}
	ctx["holder_stages"] = holderStages
	ctx["holder_stage_terms"] = joinTerms(holderStages, l)
	ctx["holder_facts"] = factsValue(facts[applicant.HolderSite], keys[applicant.HolderSite], labels[applicant.HolderSite])

	stageMap := func(id string) any {
		if _, i := a.Stage(id); i >= 0 {
			return stages[i]
		}
		return nil
	}
	transfers, _ := ctx["transfers"].([]any)
	for i, t := range a.Transfers {
		tm := transfers[i].(map[string]any)
		tm["from_stage"], tm["to_stage"] = stageMap(t.From), stageMap(t.To)
		from, _ := a.Stage(t.From)
		to, _ := a.Stage(t.To)
		tm["crosses_sites"] = from != nil && to != nil && from.Site != to.Site
	}

	mfrs, _ := ctx["manufacturers"].([]any)
	qaStaff, _ := app["qa_staff"].([]any)
	var unevaluated, uncommitted []string
	for i := range a.Manufacturers {
		m := &a.Manufacturers[i]
		mm := mfrs[i].(map[string]any)
		var own, qa, receives, ships, upstream, downstream []any
		for j, s := range a.Stages {
			if s.Site == m.ID {
				own = append(own, stages[j])
			}
		}
		for j, q := range a.Applicant.QAStaff {
			if q.Manufacturer == m.ID {
				qa = append(qa, qaStaff[j])
			}
		}
		for j, t := range a.Transfers {
			from, _ := a.Stage(t.From)
			to, _ := a.Stage(t.To)
			if to != nil && to.Site == m.ID && (from == nil || from.Site != m.ID) {
				receives = append(receives, transfers[j])
				if from != nil {
					upstream = appendNew(upstream, siteName(from.Site))
				}
			}
			if from != nil && from.Site == m.ID && (to == nil || to.Site != m.ID) {
				ships = append(ships, transfers[j])
				if to != nil {
					downstream = appendNew(downstream, siteName(to.Site))
				}
			}
		}
		mm["name"] = pick(l, m.NameZh, m.NameEn)
		mm["stage_terms"] = joinTerms(own, l)
		mm["stages"], mm["qa_staff"], mm["receives"], mm["ships"] = own, qa, receives, ships
		mm["upstream"], mm["downstream"] = upstream, downstream
		mm["abroad"] = m.Country.Abroad()
		mm["facts"] = factsValue(facts[m.ID], keys[m.ID], labels[m.ID])
		mm["matrix"] = rowsValue(MatrixFor(b.p.Matrix, m), l)
		var kinds []any
		for _, at := range a.Attachments {
			if at.Manufacturer == m.ID {
				kinds = appendNew(kinds, string(at.Kind))
			}
		}
		mm["attachment_kinds"] = kinds
		if !slices.Contains(kinds, any("holder_evaluation")) {
			unevaluated = append(unevaluated, mm["name"].(string))
		}
		if m.Country.Abroad() && !slices.Contains(kinds, any("overseas_inspection_commitment")) {
			uncommitted = append(uncommitted, mm["name"].(string))
		}
		b.mfrs[m.ID] = mm
	}
	// What the application says is enclosed must be: the manufacturers
	// whose evaluation of the applicant (2025 No. 134) or whose commitment
	// to inspection abroad the file does not attach.
	ctx["unevaluated"], ctx["uncommitted"] = Series(unevaluated, l), Series(uncommitted, l)
	ctx["matrix"] = rowsValue(MatrixFor(b.p.Matrix, nil), l)

	pol := b.p.Policy
	ctx["policy"] = map[string]any{
		"pilot_start": pol.PilotStart, "deadline": pol.Deadline, "pilot_end": pol.PilotEnd,
		"provinces": strs(pol.Provinces), "min_experience_years": pol.MinExperienceYears, "min_qa_staff": pol.MinQAStaff,
		"gmp_notice_max_age_months": pol.GMPNoticeMaxAgeMonths, "eligible_categories": strs(pol.EligibleCategories),
		"barred_types": strs(pol.BarredTypes),
	}
	ctx["pack"] = map[string]any{"id": b.p.ID, "name": b.p.Name.In(l), "issuer": b.p.Issuer.In(l), "version": b.p.Version}
	var docs []any
	for _, d := range b.p.Documents {
		docs = append(docs, map[string]any{"id": d.ID, "title": d.Title.In(l), "per_manufacturer": d.PerManufacturer})
	}
	ctx["documents"] = docs
	// Findings reach a document only as what they say: rule ids and field
	// paths are for the applicant, never for the bureau.
	var list []any
	for _, f := range fs {
		list = append(list, map[string]any{"severity": f.Severity.String(), "message": f.Message.In(l)})
	}
	ctx["findings"] = list
	ctx["readiness"] = readiness.Of(fs).Context(l)
	ctx["finding_counts"] = map[string]any{"errors": fs.Count(finding.Error), "warnings": fs.Count(finding.Warning), "infos": fs.Count(finding.Info)}
}

// joinTerms names stages in a sentence: 偶联、无菌灌装与冻干; conjugation and
// aseptic filling with lyophilisation. A term two stages share is named
// once (two monovalent bulks are one kind of stage).
func joinTerms(stages []any, l lang.Lang) string {
	var terms []string
	for _, s := range stages {
		t := s.(map[string]any)["term"].(string)
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	return Series(terms, l)
}

// Series joins items as a sentence lists them: 甲、乙和丙 in Chinese, "a, b
// and c" in English.
func Series(items []string, l lang.Lang) string {
	switch n := len(items); {
	case n == 0:
		return ""
	case n == 1:
		return items[0]
	case l == lang.En:
		return strings.Join(items[:n-1], ", ") + " and " + items[n-1]
	case slices.ContainsFunc(items, func(s string) bool { return strings.ContainsAny(s, "和与及") }):
		// An item that is itself a pair (无菌灌装与冻干) would blur into the
		// conjunction: 偶联和无菌灌装与冻干 reads as two pairs, 偶联、无菌灌装与冻干
		// as the list it is.
		return strings.Join(items, "、")
	default:
		return strings.Join(items[:n-1], "、") + "和" + items[n-1]
	}
}

// keyPosts are the holder's key posts (关键岗位人员).
var keyPosts = []struct {
	field string
	name  lang.Text
}{
	{"enterprise_head", lang.T("企业负责人", "Enterprise head")},
	{"production_head", lang.T("生产负责人", "Production head")},
	{"quality_head", lang.T("质量负责人", "Quality head")},
	{"qualified_person", lang.T("质量受权人", "Qualified person")},
}

// numbered matches the tail of an official document's number as Pinyin
// writes it: 苏药监药生〔2025〕117号 → Suyaojianyaosheng [2025] 117 Hao.
var numbered = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[(\d{4})\] (\d+) Hao$`) })

// documentNumber writes the number of an official document as English
// translations of Chinese documents do: [2025] No. 117, not 117 Hao.
func documentNumber(s string) string {
	return numbered().ReplaceAllString(s, "[$1] No. $2")
}

func pick(l lang.Lang, zh, en string) string {
	if l == lang.En && en != "" || zh == "" {
		return en
	}
	return zh
}

func appendNew(list []any, v string) []any {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

func strs[T ~string](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// factsValue is what templates see of a stage's or a site's facts; labels
// says it handles the printed packaging materials.
func factsValue(f applicant.StageFacts, keys []any, labels bool) map[string]any {
	if keys == nil {
		keys = []any{}
	}
	return map[string]any{"stage_keys": keys, "high_potency": f.HighPotency, "aseptic": f.Aseptic,
		"lyophilises": f.Lyophilises, "live": f.Live, "device": f.Device, "labels": labels}
}

func dateValue(d civil.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

var (
	dateT  = reflect.TypeFor[civil.Date]()
	moneyT = reflect.TypeFor[applicant.Money]()
	textT  = reflect.TypeFor[applicant.Text]()
	nameT  = reflect.TypeFor[applicant.Name]()
	plainT = reflect.TypeFor[string]()
)

// placeFields are the text fields that name a place or an institution: in
// an English document without an English wording they take the official
// English name or are transliterated, where other text (addresses too,
// which transliterate badly) shows the blank.
var placeFields = map[string]bool{"venue": true, "authority": true, "signing_place": true, "governing_law": true}

type converter struct{ lang lang.Lang }

// value converts a value of the model to what templates see: structs
// become maps keyed by their file names, text becomes a string in the
// document's language, and a missing value becomes nil, so {% if %} tests
// whether it was given. field is the value's field name.
func (c *converter) value(v reflect.Value, field string) any {
	switch v.Type() {
	case dateT:
		return dateValue(v.Interface().(civil.Date))
	case moneyT:
		return v.Interface()
	case textT:
		return c.text(v.Interface().(applicant.Text), placeFields[field])
	case nameT:
		return c.name(v.Interface().(applicant.Name))
	case plainT:
		// Codes with Chinese in them (沪20190087) are written in Pinyin in
		// English documents, as translations of Chinese certificates do
		// (Hu20190087); a Chinese name (name_zh) is printed as it is, where
		// a template asks for it.
		if c.lang == lang.En && !strings.HasSuffix(field, "_zh") {
			return documentNumber(translit.Text(v.String()))
		}
		return v.String()
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return c.value(v.Elem(), field)
	case reflect.Struct:
		m := map[string]any{}
		for _, f := range datafile.Fields(v.Type()) {
			m[f.Name] = c.value(v.Field(f.Index), f.Name)
		}
		return m
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = c.value(v.Index(i), field)
		}
		return out
	case reflect.String:
		// Enumerated values stay their keys: pongo2 compares values with
		// ==, and Category("adc") would never equal "adc". Filters word
		// them (|label:lang).
		return v.String()
	}
	return v.Interface()
}

// Text returns t as a document in l prints it; place says t names a place
// or an institution.
func Text(t applicant.Text, l lang.Lang, place bool) string {
	return (&converter{lang: l}).text(t, place)
}

func (c *converter) text(t applicant.Text, place bool) string {
	if c.lang != lang.En {
		return t.Any(lang.Zh)
	}
	if t.Has(lang.En) {
		return t.En
	}
	zh := strings.TrimSpace(t.Zh)
	if zh == "" {
		return ""
	}
	if en, ok := applicant.OfficialEnglish(zh); ok {
		return en
	}
	if place && utf8.RuneCountInString(zh) <= 80 {
		return translit.Annotate(zh)
	}
	return Blank
}

func (c *converter) name(n applicant.Name) string {
	if c.lang != lang.En {
		return n.Text().Any(lang.Zh)
	}
	if n.Text().Has(lang.En) {
		return n.En
	}
	return translit.AnnotateName(n.Zh)
}
