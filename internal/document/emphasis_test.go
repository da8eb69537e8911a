package document

import (
	"strings"
	"testing"
)

// markup writes spans as HTML-like text (<b>, <i>, <code>, <a href=…>), the
// notation the CommonMark and markdown-cjk-friendly examples use.
func markup(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		var open, close []string
		tag := func(on bool, o, c string) {
			if on {
				open = append(open, o)
				close = append([]string{c}, close...)
			}
		}
		tag(s.Bold, "<b>", "</b>")
		tag(s.Italic, "<i>", "</i>")
		tag(s.Code, "<code>", "</code>")
		tag(s.Link != "", `<a href="`+s.Link+`">`, "</a>")
		b.WriteString(strings.Join(open, "") + s.Text + strings.Join(close, ""))
	}
	return b.String()
}

// inline parses one paragraph and returns its spans as markup.
func inline(t *testing.T, src string) string {
	t.Helper()
	d, _ := Parse([]byte(src), "zh")
	if len(d.Blocks) != 1 {
		t.Fatalf("%q: %d blocks, want one paragraph:\n%s", src, len(d.Blocks), Dump(d))
	}
	p, ok := d.Blocks[0].(*Paragraph)
	if !ok {
		t.Fatalf("%q: not a paragraph:\n%s", src, Dump(d))
	}
	return markup(p.Text)
}

type emphasisCase struct{ in, want string }

// TestCJKFriendlyEmphasis runs the examples of the markdown-cjk-friendly
// specification (testcases/strong.md, underscore-cjk-punct.md and the
// non-CJK punctuation cases), and the clauses of the default pack that
// CommonMark leaves with literal asterisks.
func TestCJKFriendlyEmphasis(t *testing.T) {
	cases := []emphasisCase{
		{"これは**私のやりたかったこと。**だからするの。", "これは<b>私のやりたかったこと。</b>だからするの。"},
		{"**これは太字になりません。**ご注意ください。", "<b>これは太字になりません。</b>ご注意ください。"},
		{"カッコに注意**（太字にならない）**文が続く場合に要警戒。", "カッコに注意<b>（太字にならない）</b>文が続く場合に要警戒。"},
		{"**[リンク](https://example.com)**も注意。（画像も同様）", `<b><a href="https://example.com">リンク</a></b>も注意。（画像も同様）`},
		{"税込**¥10,000**で入手できます。", "税込<b>¥10,000</b>で入手できます。"},
		{"正解は**④**です。", "正解は<b>④</b>です。"},
		{"太郎は**「こんにちわ」**といった", "太郎は<b>「こんにちわ」</b>といった"},
		{`太郎は**"こんにちわ"**といった`, `太郎は<b>"こんにちわ"</b>といった`},
		{"太郎は**「Hello」**といった", "太郎は<b>「Hello」</b>といった"},
		{`太郎は**"Hello"**といった`, `太郎は<b>"Hello"</b>といった`},
		{"太郎は**Oh my god**といった", "太郎は<b>Oh my god</b>といった"},
		{"**C#**や**F#**は**「.NET」**というプラットフォーム上で動作します。", "<b>C#</b>や<b>F#</b>は<b>「.NET」</b>というプラットフォーム上で動作します。"},
		{"IDが**001号**になります。", "IDが<b>001号</b>になります。"},
		{"IDが**００１号**になります。", "IDが<b>００１号</b>になります。"},
		{"Go**「初心者」**を対象とした記事です。", "Go<b>「初心者」</b>を対象とした記事です。"},
		{"・**㋐**:選択肢１つ目", "・<b>㋐</b>:選択肢１つ目"},
		{"**真**她", "<b>真</b>她"},
		{"**真，** 她", "<b>真，</b> 她"},
		{"**真**，她", "<b>真</b>，她"},
		{"**さようなら︙**と太郎はいった。", "<b>さようなら︙</b>と太郎はいった。"},
		{".NET**（.NET Frameworkは不可）**では、", ".NET<b>（.NET Frameworkは不可）</b>では、"},
		{"Git**（注：不是GitHub）**", "Git<b>（注：不是GitHub）</b>"},
		{"𰻞𰻞**(ビャンビャン)**麺", "𰻞𰻞<b>(ビャンビャン)</b>麺"},
		{"ハイパーテキストコーヒーポット制御プロトコル**(HTCPCP)**", "ハイパーテキストコーヒーポット制御プロトコル<b>(HTCPCP)</b>"},
		{"国際規格**[ECMA-262](https://tc39.es/ecma262/)**", `国際規格<b><a href="https://tc39.es/ecma262/">ECMA-262</a></b>`},
		{"𠮟**(こちらが正式表記)**", "𠮟<b>(こちらが正式表記)</b>"},
		{"**推荐几个框架：**React、Vue等前端框架。", "<b>推荐几个框架：</b>React、Vue等前端框架。"},
		{"葛\U000E0100**(こちらが正式表記)**城市", "葛\U000E0100<b>(こちらが正式表記)</b>城市"},
		{"大塚\uFE00**(U+585A U+FE00)** 大\uFA10**(U+FA10)**", "大塚\uFE00<b>(U+585A U+FE00)</b> 大\uFA10<b>(U+FA10)</b>"},
		{"**该星号不会被识别，而是直接显示。**这是因为它没有被识别为强调符号。", "<b>该星号不会被识别，而是直接显示。</b>这是因为它没有被识别为强调符号。"},
		{"**스크립트(script)**라고", "<b>스크립트(script)</b>라고"},
		{"**안녕(hello)**하세요.", "<b>안녕(hello)</b>하세요."},
		// Underscores next to CJK punctuation.
		{"__注意__：注意事項", "<b>注意</b>：注意事項"},
		{"注意：__注意事項__", "注意：<b>注意事項</b>"},
		// Non-BMP punctuation and symbols that are not CJK keep CommonMark's rule.
		{"a**a«**a", "a**a«**a"},
		{"a**»a**a", "a**»a**a"},
		{"a**a∇**a", "a**a∇**a"},
		{"a**∇a**a", "a**∇a**a"},
		{"a**a𝜵**a", "a**a𝜵**a"},
		{"a**𝜵a**a", "a**𝜵a**a"},
		{"a**𐬻a**a", "a**𐬻a**a"},
		{"a**a𐬻**a", "a**a𐬻**a"},
		// The default pack's clauses.
		{"**自研情况。**本品种由持有人自行研制。", "<b>自研情况。</b>本品种由持有人自行研制。"},
		{"（一）**目的。**为明确甲乙双方的责任", "（一）<b>目的。</b>为明确甲乙双方的责任"},
		{"为明确**委托方（持有人）**与**受托方**在委托生产中的质量责任", "为明确<b>委托方（持有人）</b>与<b>受托方</b>在委托生产中的质量责任"},
		{"**批号关联。**原液阶段：", "<b>批号关联。</b>原液阶段："},
		{"受托方**不得转委托**任何活动。", "受托方<b>不得转委托</b>任何活动。"},
		{"*斜体，*正文", "<i>斜体，</i>正文"},
		{"**OOS/OOT**：检验结果超出质量标准", "<b>OOS/OOT</b>：检验结果超出质量标准"},
		{"**纠正与预防措施（CAPA）**：为消除", "<b>纠正与预防措施（CAPA）</b>：为消除"},
	}
	// **真，**她 holds for each CJK and ambiguous-width punctuation mark.
	for _, p := range strings.Split("，。、；：？！“”‘’（）【】《》—～…·〃-々", "") {
		cases = append(cases, emphasisCase{"**真" + p + "**她", "<b>真" + p + "</b>她"})
	}
	for _, p := range []string{"（", "【", "《"} {
		cases = append(cases, emphasisCase{"真**" + p + "她**", "真<b>" + p + "她</b>"})
	}
	// Pseudo-emoji CJK symbols are CJK punctuation.
	for _, p := range []string{"〰", "〽", "🈂", "🈷", "㊗", "㊙"} {
		cases = append(cases, emphasisCase{"a**" + p + "**a", "a<b>" + p + "</b>a"})
	}
	for _, c := range cases {
		if got := inline(t, c.in); got != c.want {
			t.Errorf("%q\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// TestCommonMarkEmphasis keeps CommonMark's rules for text without CJK
// characters (spec 0.31.2, examples 350–480).
func TestCommonMarkEmphasis(t *testing.T) {
	for _, c := range []emphasisCase{
		{"*foo bar*", "<i>foo bar</i>"},
		{"a * foo bar*", "a * foo bar*"},
		{`a*"foo"*`, `a*"foo"*`},
		{"a *\u00a0a\u00a0*", "a *\u00a0a\u00a0*"},
		{"foo*bar*", "foo<i>bar</i>"},
		{"5*6*78", "5<i>6</i>78"},
		{"_foo bar_", "<i>foo bar</i>"},
		{"_ foo bar_", "_ foo bar_"},
		{`a_"foo"_`, `a_"foo"_`},
		{"foo_bar_", "foo_bar_"},
		{"5_6_78", "5_6_78"},
		{"пристаням_стремятся_", "пристаням_стремятся_"},
		{`aa_"bb"_cc`, `aa_"bb"_cc`},
		{"foo-_(bar)_", "foo-<i>(bar)</i>"},
		{"_foo*", "_foo*"},
		{"*foo bar *", "*foo bar *"},
		{"*(*foo)", "*(*foo)"},
		{"*foo*bar", "<i>foo</i>bar"},
		{"_foo bar _", "_foo bar _"},
		{"_(_foo)", "_(_foo)"},
		{"_foo_bar", "_foo_bar"},
		{"_пристаням_стремятся", "_пристаням_стремятся"},
		{"_foo_bar_baz_", "<i>foo_bar_baz</i>"},
		{"_(bar)_.", "<i>(bar)</i>."},
		{"**foo bar**", "<b>foo bar</b>"},
		{"** foo bar**", "** foo bar**"},
		{`a**"foo"**`, `a**"foo"**`},
		{"foo**bar**", "foo<b>bar</b>"},
		{"__foo bar__", "<b>foo bar</b>"},
		{"__ foo bar__", "__ foo bar__"},
		{"foo__bar__", "foo__bar__"},
		{"5__6__78", "5__6__78"},
		{"__foo, __bar__, baz__", "<b>foo, bar, baz</b>"},
		{"foo-__(bar)__", "foo-<b>(bar)</b>"},
		{"**foo bar **", "**foo bar **"},
		{"**(**foo)", "**(**foo)"},
		{"*(**foo**)*", "<i>(</i><b><i>foo</i></b><i>)</i>"},
		{"**foo \"*bar*\" foo**", `<b>foo "</b><b><i>bar</i></b><b>" foo</b>`},
		{"**foo**bar", "<b>foo</b>bar"},
		{"__foo__bar", "__foo__bar"},
		{"__foo__bar__baz__", "<b>foo__bar__baz</b>"},
		{"__(bar)__.", "<b>(bar)</b>."},
		{"*foo**bar**baz*", "<i>foo</i><b><i>bar</i></b><i>baz</i>"},
		{"***foo** bar*", "<b><i>foo</i></b><i> bar</i>"},
		{"*foo**bar***", "<i>foo</i><b><i>bar</i></b>"},
		{"foo***bar***baz", "foo<b><i>bar</i></b>baz"},
		{"foo******bar*********baz", "foo<b>bar</b>***baz"},
		{"**foo*bar*baz**", "<b>foo</b><b><i>bar</i></b><b>baz</b>"},
		{"**foo*", "*<i>foo</i>"},
		{"*foo**", "<i>foo</i>*"},
		{"***foo**", "*<b>foo</b>"},
		{"__foo_", "_<i>foo</i>"},
		{"*a `*`*", "<i>a </i><i><code>*</code></i>"},
		{"_a `_`_", "<i>a </i><i><code>_</code></i>"},
		{"**a<https://foo.bar/?q=**>", `**a<a href="https://foo.bar/?q=**">https://foo.bar/?q=**</a>`},
		{"*foo [bar](https://example.com)*", `<i>foo </i><i><a href="https://example.com">bar</a></i>`},
		{"file_name_here and snake_case", "file_name_here and snake_case"},
		{"2 * 3 * 4 = 24", "2 * 3 * 4 = 24"},
		{"\\*not emphasis\\*", "*not emphasis*"},
	} {
		if got := inline(t, c.in); got != c.want {
			t.Errorf("%q\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// TestTextIsWhatItSays: backslash escapes and character references mean
// their characters, as CommonMark reads them, except in code.
func TestTextIsWhatItSays(t *testing.T) {
	for _, c := range []emphasisCase{
		{`a \* b \_c\_ \[x\](y) \{id=z} \\ \a`, `a * b _c_ [x](y) {id=z} \ \a`},
		{"&amp; &lt;b&gt; &#42;x&#42; &#x4E2D; &copy; &bogus; & ;", "& <b> *x* 中 © &bogus; & ;"},
		{"&#0; &#99999999; &#x110000;", "\uFFFD &#99999999; \uFFFD"},
		{"x\x00y", "x\uFFFDy"},
		{"`a\\*b &amp;` c", "<code>a\\*b &amp;</code> c"},
		{"`0\x00`", "<code>0\uFFFD</code>"},
		{"foo\\\nbar", "foo\nbar"},
		{`\<b\>not html\</b\>`, "<b>not html</b>"},
	} {
		if got := inline(t, c.in); got != c.want {
			t.Errorf("%q\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
