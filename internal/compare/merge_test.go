package compare

import (
	"strings"
	"testing"

	"pilotpack/internal/document"
	"pilotpack/internal/lang"
)

func parse(t *testing.T, src string, l lang.Lang) *document.Doc {
	t.Helper()
	d, warns := document.Parse([]byte(src), l)
	if len(warns) > 0 {
		t.Fatalf("warnings: %v", warns)
	}
	return d
}

// text is a document's text, one line per paragraph, heading, row or
// line, without the labels the model counts.
func text(d *document.Doc) string {
	var b strings.Builder
	document.Walk(d.Blocks, func(bl document.Block) {
		switch x := bl.(type) {
		case *document.Heading:
			b.WriteString("# " + plain(x.Text) + "\n")
		case *document.Paragraph:
			b.WriteString(plain(x.Text) + "\n")
		case *document.Table:
			for _, r := range append(append([]document.Row{}, x.Header...), x.Body...) {
				b.WriteString("| " + rowText(r) + "\n")
			}
		case *document.Signature:
			b.WriteString("sig " + plain(x.Lead) + "\n")
			for _, p := range x.Parties {
				b.WriteString("party " + plain(p.Role) + plain(p.Name) + "\n")
			}
		}
	})
	return b.String()
}

const base = `# 总则 {.chapter id=general}

<!-- numbering: article -->
1. {id=purpose} **目的。**为明确双方在委托生产中的质量责任，订立本协议。
2. **适用范围。**本协议适用于[](#stages)所列生产阶段。
3. **期限。**本协议有效期为五年，自双方签署之日起生效。

# 质量保证 {.chapter id=assurance}

<!-- numbering: article -->
1. {id=audit} **持有人审计。**持有人每年至少审计受托方一次，方式包括：
   1. 现场审计；
   2. 有因审计。
2. **变更。**受托方的任何变更应当按照[](#audit)事先书面通知持有人。
3. **记录。**批生产记录和检验记录至少保存至产品有效期后一年。

# 生产阶段 {.annex id=stages}

| 阶段 | 场地 | 产出 |
|---|---|---|
| 抗体中间体 | 苏州澜湖 | 抗体原液 |
| 偶联原液 | 常州恒信 | 偶联原液 |
`

func TestRedline(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(string) string
		changes []string // kind clause part: redline
	}{
		{"unchanged", func(s string) string { return s }, nil},
		{"term extended", func(s string) string { return strings.Replace(s, "有效期为五年", "有效期为八年", 1) },
			[]string{"changed 第三条 paragraph: 期限。本协议有效期为[-五-]{+八+}年，自双方签署之日起生效。"}},
		{"article inserted at the top: nothing after it changes but citations",
			func(s string) string {
				return strings.Replace(s, "1. {id=purpose}", "1. **依据。**依据《药品管理法》订立本协议。\n2. {id=purpose}", 1)
			},
			[]string{
				"inserted 第一条 clause: 依据。依据《药品管理法》订立本协议。",
				"renumbered 第六条 paragraph: 变更。受托方的任何变更应当按照[-第四条-]{+第五条+}事先书面通知持有人。",
			}},
		{"clause moved to another chapter unchanged", func(s string) string {
			rec := "3. **记录。**批生产记录和检验记录至少保存至产品有效期后一年。\n"
			s = strings.Replace(s, rec, "", 1)
			return strings.Replace(s, "3. **期限。**", "3. **记录。**批生产记录和检验记录至少保存至产品有效期后一年。\n4. **期限。**", 1)
		}, []string{
			"moved 第三条 clause (from 第六条): 记录。批生产记录和检验记录至少保存至产品有效期后一年。",
			"renumbered 第六条 paragraph: 变更。受托方的任何变更应当按照[-第四条-]{+第五条+}事先书面通知持有人。",
		}},
		{"item of an article deleted", func(s string) string { return strings.Replace(s, "   2. 有因审计。\n", "", 1) },
			[]string{"deleted 第四条第（二）项 clause: 有因审计。"}},
		{"table row inserted and a cell changed", func(s string) string {
			s = strings.Replace(s, "| 偶联原液 | 常州恒信 | 偶联原液 |", "| 偶联原液 | 上海臻恒 | 偶联原液 |\n| 制剂 | 上海臻恒 | 成品 |", 1)
			return s
		}, []string{
			"changed  table row 2: 偶联原液 | [-常州恒信-]{+上海臻恒+} | 偶联原液",
			"inserted  table row 3: 制剂 | 上海臻恒 | 成品",
		}},
		{"chapter inserted: later chapters renumbered", func(s string) string {
			return strings.Replace(s, "# 质量保证", "# 定义 {.chapter}\n\n本协议所称批，指……\n\n# 质量保证", 1)
		}, []string{
			"inserted  heading: 第二章　定义",
			"inserted  paragraph: 本协议所称批，指……",
			"renumbered  heading: 第[-二-]{+三+}章　质量保证",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, new := parse(t, base, lang.Zh), parse(t, tc.edit(base), lang.Zh)
			rl, changes := Redline(old, new)
			var got []string
			for _, c := range changes {
				text := c.Redline
				if text == "" {
					text = c.New + c.Old
					if c.Kind == Moved {
						text = c.New
					}
				}
				if c.From != "" {
					text = " (from " + c.From + "): " + text
				} else {
					text = ": " + text
				}
				got = append(got, string(c.Kind)+" "+c.Clause+" "+c.Part+text)
			}
			if strings.Join(got, "\n") != strings.Join(tc.changes, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.changes, "\n"))
			}
			if a, n := text(document.Accept(rl)), text(new); a != n {
				t.Errorf("accepting every change gives\n%s\nnot\n%s", a, n)
			}
			if r, o := text(document.Reject(rl)), text(old); r != o {
				t.Errorf("rejecting every change gives\n%s\nnot\n%s", r, o)
			}
		})
	}
}
