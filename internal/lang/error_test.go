package lang

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorf(t *testing.T) {
	inner := Errorf(T("没有文件 %q", "no file %q"), "a.yaml")
	outer := Errorf(T("读取失败：%v", "cannot read: %v"), inner)
	if got := Message(outer, Zh); got != `读取失败：没有文件 "a.yaml"` {
		t.Errorf("zh: %s", got)
	}
	if got := Message(outer, En); got != `cannot read: no file "a.yaml"` {
		t.Errorf("en: %s", got)
	}
	if outer.Error() != Message(outer, En) {
		t.Errorf("Error() is not the English: %s", outer.Error())
	}
	if !errors.Is(outer, inner) {
		t.Error("the wrapped error is lost")
	}
	// A foreign wrapper keeps its prefix in English; Chinese gets ours.
	foreign := fmt.Errorf("step: %w", inner)
	if got := Message(foreign, En); got != `step: no file "a.yaml"` {
		t.Errorf("foreign en: %s", got)
	}
	if got := Message(foreign, Zh); got != `没有文件 "a.yaml"` {
		t.Errorf("foreign zh: %s", got)
	}
	if got := Message(errors.New("plain"), Zh); got != "plain" {
		t.Errorf("plain: %s", got)
	}
	if got := Sprintf(Zh, T("%s 与 %s", "%s and %s"), T("甲", "A"), "b"); got != "甲 与 b" {
		t.Errorf("Sprintf with a Text argument: %s", got)
	}
}
