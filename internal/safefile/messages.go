package safefile

import "pilotpack/internal/lang"

// The errors of writing outputs, in both languages: they reach the reader
// of every command that writes, through lang.Message.
var (
	msgExists     = lang.T("%s 已存在", "%s already exists")
	msgAborted    = lang.T("已中断：不再写出任何文件", "interrupted: nothing more is written")
	msgNoFolder   = lang.T("无法写出 %s：文件夹 %s 不存在", "cannot write %s: folder %s does not exist")
	msgWriteInto  = lang.T("无法写入 %s：%v", "cannot write into %s: %v")
	msgWriteFile  = lang.T("无法写出 %s：%v", "cannot write %s: %v")
	msgNotInside  = lang.T("%q 不是文件夹内的路径", "%q is not a path inside the folder")
	msgWriting    = lang.T("写出 %s 时出错：%v", "writing %s: %v")
	msgUndo       = lang.T("%v；撤回此前已写出的文件也失败了：%v", "%v; and undoing the earlier outputs failed: %v")
	msgTwice      = lang.T("提交了两次", "committed twice")
	msgMove       = lang.T("无法把 %s 移到位：%v", "cannot move %s into place: %v")
	msgNotFolder  = lang.T("%s 不是文件夹；请删除它，或另选名称", "%s is not a folder; remove it or choose another name")
	msgIsFolder   = lang.T("%s 是文件夹；请删除它，或另选名称", "%s is a folder; remove it or choose another name")
	msgNoLiveness = lang.T("无法判断写出者是否仍在运行", "cannot tell whether a writer is alive")
)
