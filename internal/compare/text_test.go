package compare

import (
	"math/rand"
	"strings"
	"testing"

	"pilotpack/internal/document"
)

// apply rebuilds both sides from an edit script, to check it.
func apply(a, b []string, es []edit) (string, string) {
	var oa, ob strings.Builder
	for _, e := range es {
		switch e.op {
		case opEqual:
			if strings.Join(a[e.a0:e.a1], "") != strings.Join(b[e.b0:e.b1], "") {
				return "mismatch", ""
			}
			oa.WriteString(strings.Join(a[e.a0:e.a1], ""))
			ob.WriteString(strings.Join(b[e.b0:e.b1], ""))
		case opDelete:
			oa.WriteString(strings.Join(a[e.a0:e.a1], ""))
		case opInsert:
			ob.WriteString(strings.Join(b[e.b0:e.b1], ""))
		}
	}
	return oa.String(), ob.String()
}

func TestDiffRebuildsBothSides(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alpha := []string{"a", "b", "c", "d"}
	for i := 0; i < 2000; i++ {
		var a, b []string
		for range rng.Intn(12) {
			a = append(a, alpha[rng.Intn(len(alpha))])
		}
		for range rng.Intn(12) {
			b = append(b, alpha[rng.Intn(len(alpha))])
		}
		es := diff(a, b)
		ga, gb := apply(a, b, es)
		if ga != strings.Join(a, "") || gb != strings.Join(b, "") {
			t.Fatalf("%q → %q: script %v rebuilds %q and %q", a, b, es, ga, gb)
		}
		// Minimal: the equal tokens are a longest common subsequence.
		eq := 0
		for _, e := range es {
			if e.op == opEqual {
				eq += e.a1 - e.a0
			}
		}
		if want := lcs(a, b); eq != want {
			t.Fatalf("%q → %q: %d equal, the longest common subsequence has %d", a, b, eq, want)
		}
	}
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// wdiff writes a redline as text: [-deleted-]{+inserted+}.
func wdiff(spans []document.Span) string {
	var b strings.Builder
	for _, s := range spans {
		switch s.Mark {
		case document.Deleted, document.MovedFrom:
			b.WriteString("[-" + s.Text + "-]")
		case document.Inserted, document.MovedTo:
			b.WriteString("{+" + s.Text + "+}")
		default:
			b.WriteString(s.Text)
		}
	}
	return strings.ReplaceAll(strings.ReplaceAll(b.String(), "-][-", ""), "+}{+", "")
}

func TestInline(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new []document.Span
		want     string
	}{
		{"chinese by characters", []document.Span{{Text: "本协议有效期为五年。"}}, []document.Span{{Text: "本协议有效期为八年。"}}, "本协议有效期为[-五-]{+八+}年。"},
		{"numbers whole", []document.Span{{Text: "有效期至2030年10月31日"}}, []document.Span{{Text: "有效期至2033年10月31日"}}, "有效期至[-2030-]{+2033+}年10月31日"},
		{"english by words", []document.Span{{Text: "The term is five years."}}, []document.Span{{Text: "The term is eight years."}}, "The term is [-five-]{+eight+} years."},
		{"amounts whole", []document.Span{{Text: "USD 1,250,000.50 per batch"}}, []document.Span{{Text: "USD 1,300,000.50 per batch"}}, "USD [-1,250,000.50-]{+1,300,000.50+} per batch"},
		{"a citation is one token", []document.Span{{Text: "按照"}, {Text: "第十二条", Ref: "audit", Link: "#audit"}, {Text: "审计"}}, []document.Span{{Text: "按照"}, {Text: "第十三条", Ref: "audit", Link: "#audit"}, {Text: "审计"}}, "按照[-第十二条-]{+第十三条+}审计"},
		{"a lone common character is noise", []document.Span{{Text: "甲方负责的检验"}}, []document.Span{{Text: "乙方承担的放行"}}, "[-甲方负责的检验-]{+乙方承担的放行+}"},
		{"same", []document.Span{{Text: "不变。"}}, []document.Span{{Text: "不变。"}}, "不变。"},
		{"bold kept", []document.Span{{Text: "目的。", Bold: true}, {Text: "为明确"}}, []document.Span{{Text: "目的。", Bold: true}, {Text: "为明确双方"}}, "目的。为明确{+双方+}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, same := inline(tc.old, tc.new)
			if w := wdiff(got); w != tc.want {
				t.Errorf("got %s\nwant %s", w, tc.want)
			}
			if same != (tc.want == plain(tc.new)) {
				t.Errorf("same = %v", same)
			}
			// Accepting gives the new text, rejecting the old.
			var acc, rej strings.Builder
			for _, s := range got {
				if s.Mark.InNew() {
					acc.WriteString(s.Text)
				}
				if s.Mark.InOld() {
					rej.WriteString(s.Text)
				}
			}
			if acc.String() != plain(tc.new) || rej.String() != plain(tc.old) {
				t.Errorf("accept %q reject %q", acc.String(), rej.String())
			}
		})
	}
}
