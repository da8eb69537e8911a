package datafile

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"pilotpack/internal/finding"
	"pilotpack/internal/lang"
)

// TestYAMLMistakes feeds the mistakes people make writing YAML by hand and
// checks each is explained at its own line and column, in both languages,
// with the fix: as the syntax error when it is one, as a warning when the
// file parses but says something else than was meant.
func TestYAMLMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		pos       string // line:col of the explanation
		syntax    bool   // a syntax error (else a warning problem)
		zh, en    string
	}{
		{"tab in the indentation", "title: x\ninner:\n\tname: y\n", "3:1", true, "缩进里有制表符", "a tab in the indentation"},
		{"': ' inside a value", "title: 方案: 第一版\n", "1:10", true, `请给整个值加引号：title: "方案: 第一版"`, `write: title: "方案: 第一版"`},
		{"' #' inside a value", "title: 沪 #2016\n", "1:10", false, `值成了 "沪"`, `quote the whole value: title: "沪 #2016"`},
		{"' #' inside a flow", "inner: {name: 何, phone: 0755 #8}\ntitle: x\n", "1:30", true, `phone: "0755 #8"`, `phone: "0755 #8"`},
		{"a value starting with *", "title: *重要\n", "1:8", true, "以 * 开头", `title: "*重要"`},
		{"a value starting with &", "title: &重要\n", "1:8", true, "以 & 开头", `title: "&重要"`},
		{"a value starting with @", "title: @公司\n", "1:8", true, "以 @ 开头", `title: "@公司"`},
		{"a value starting with %", "title: %50\n", "1:8", true, "以 % 开头", `title: "%50"`},
		{"a value starting with a backquote", "title: `x`\n", "1:8", true, "以 ` 开头", "title: \"`x`\""},
		{"no space after - (a syntax error)", "title: x\nitems:\n  -name: y\n  - name: z\n", "3:3", true, "“-”后面要有空格", "write - name: y"},
		{"no space after - (parses)", "title: x\ntags:\n  -甲\n", "3:3", false, "“-”后面要有空格", "write - 甲"},
		{"no space after : (a syntax error)", "title:x\ncolor: red\n", "1:6", true, "冒号要跟一个空格：写成 title: x", "write title: x"},
		{"no space after : (parses)", "inner:\n  name:y\n", "2:7", false, "冒号要跟一个空格", "write name: y"},
		{"a full-width colon", "title：x\ncolor: red\n", "1:6", true, "全角冒号", "use an ASCII colon and a space: title: x"},
		{"a full-width colon after a space", "inner:\n  name ：y\n", "2:7", false, "全角冒号", "name: y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			_, ps, err := Decode("a.yaml", []byte(tc.src), &d, DefaultLimits)
			var got lang.Text
			var pos string
			if tc.syntax {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("want a syntax error, got %v (problems %+v)", err, ps)
				}
				got, pos = e.Msg, e.Pos.String()
			} else {
				if err != nil {
					t.Fatalf("the file should parse: %v", err)
				}
				for _, p := range ps {
					if p.Code == "yaml" {
						got, pos = lang.T(p.Zh, p.En), p.Pos.String()
						if p.Severity != finding.Warning {
							t.Errorf("severity %v, want a warning", p.Severity)
						}
					}
				}
			}
			if pos != tc.pos {
				t.Errorf("at %s, want %s: %s", pos, tc.pos, got.En)
			}
			if !strings.Contains(got.Zh, tc.zh) || !strings.Contains(got.En, tc.en) {
				t.Errorf("got\n  zh %s\n  en %s\nwant %q and %q", got.Zh, got.En, tc.zh, tc.en)
			}
			checkChinese(t, got.Zh, tc.src)
		})
	}
}

// TestNoHintsInGoodYAML: what is right raises no hint, whatever it holds.
func TestNoHintsInGoodYAML(t *testing.T) {
	src := "# 注释: 带冒号 #1\n" +
		"title: \"方案: 第一版 #2\"\n" +
		"color: red  # a comment after a value\n" +
		"time: 10:30\n" +
		"url: https://example.cn/a#b\n" +
		"text: |\n  name:x\n  - item\n  key：value\n" +
		"items:\n  - name: a\n    count: -3\n  - {name: b}\n" +
		"base: &b {name: y}\n" +
		"---x: 1\n"
	if hs := yamlHints([]byte(src)); len(hs) != 0 {
		t.Errorf("hints in good YAML: %+v", hs)
	}
}

var asciiWord = regexp.MustCompile(`[A-Za-z][A-Za-z-]+`)

// checkChinese fails when a Chinese message holds an English word that is
// neither in the file it is about (a field name, a value) nor a name
// Chinese text uses as it is.
func checkChinese(t *testing.T, zh, src string) {
	t.Helper()
	for _, w := range asciiWord.FindAllString(zh, -1) {
		switch w {
		case "YAML", "JSON", "Tab", "UTF-8", "UTF", "GBK", "GB18030", "WPS", "iconv", "pilotpack", "schema":
			continue
		}
		if !strings.Contains(src, w) {
			t.Errorf("English word %q in %s", w, zh)
		}
	}
}

func TestParserMessagesInChinese(t *testing.T) {
	for _, src := range []string{"a: [x\n", "a: {b: 1\nc: 2\n", "a: b: c\n", "a:\n  - x\n  y: 1\n", "a: 'x\n", "]\n", "a: !!binary x\n"} {
		var d doc
		_, _, err := Decode("a.yaml", []byte(src), &d, DefaultLimits)
		var e *Error
		if !errors.As(err, &e) {
			continue
		}
		if !strings.HasPrefix(e.Msg.Zh, "YAML 语法错误：") {
			t.Errorf("%q: %s", src, e.Msg.Zh)
		}
		checkChinese(t, e.Msg.Zh, src)
	}
}

func TestGBKAdvice(t *testing.T) {
	_, _, err := Parse("申请 书.yaml", []byte("title: \xc9\xcf\xba\xa3\n"), DefaultLimits)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error, got %v", err)
	}
	for _, want := range []string{"记事本", "另存为", "UTF-8", "WPS", "iconv -f GB18030 -t UTF-8 '申请 书.yaml' > utf8-'申请 书.yaml'"} {
		if !strings.Contains(e.Msg.Zh, want) {
			t.Errorf("zh lacks %q: %s", want, e.Msg.Zh)
		}
	}
	for _, want := range []string{"Notepad", "Save As", "WPS", "iconv"} {
		if !strings.Contains(e.Msg.En, want) {
			t.Errorf("en lacks %q: %s", want, e.Msg.En)
		}
	}
}
