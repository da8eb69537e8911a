package signature

import "pilotpack/internal/lang"

// The errors of signatures and keys, in both languages: they reach whoever
// signs or trusts a pack and seals or verifies a packet.
var (
	msgAt           = lang.T("%s：%v", "%s: %v")
	msgNotSignature = lang.T("%s：不是 pilotpack 的签名（%v）；请用 pilotpack pack sign 重新签名模板包", "%s: not a pilotpack signature (%v); sign the pack again with pilotpack pack sign")
	msgAlgorithm    = lang.T("%s：算法为 %q；pilotpack 用 ed25519 签名", "%s: algorithm %q; pilotpack signs with ed25519")
	msgBadKey       = lang.T("%s：公钥不是 Ed25519 密钥", "%s: the public key is not an Ed25519 key")
	msgBadSignature = lang.T("%s：签名与其公钥不符", "%s: the signature is not valid for its key")
	msgKeyID        = lang.T("%s：密钥标识 %s 与公钥（%s）不符", "%s: key id %s does not match the key (%s)")
	msgChanged      = lang.T("%s：模板包的文件在签名后被改动%s；请恢复这些文件，或重新签名模板包", "%s: the pack's files changed after signing%s; restore them, or sign the pack again")
	msgChanges      = lang.T("（%s）", " (%s)")
	msgAdded        = lang.T("%s 为新增", "%s added")
	msgEdited       = lang.T("%s 已改动", "%s changed")
	msgRemoved      = lang.T("%s 已删除", "%s removed")
	msgSep          = lang.T("、", ", ")
	msgSigner       = lang.T("%s（密钥 %s）", "%s (key %s)")
	msgSignerKey    = lang.T("密钥 %s", "key %s")
	msgNotPrivate   = lang.T("%s：不是 PEM 格式的私钥；请用 pilotpack pack keygen 生成", "%s: not a PEM private key; make one with pilotpack pack keygen")
	msgNotEd25519   = lang.T("%s：不是 Ed25519 密钥；请用 pilotpack pack keygen 生成", "%s: not an Ed25519 key; make one with pilotpack pack keygen")
	msgNotPublic    = lang.T("%s：是 %s，不是公钥；请给出 .pub 文件", "%s: a %s, not a public key; pass the .pub file")
	msgPubEd25519   = lang.T("%s：不是 Ed25519 密钥", "%s: not an Ed25519 key")
	msgNoPublic     = lang.T("%s：不是公钥：请给出 pilotpack pack keygen 写出的 .pub 文件", "%s: not a public key: give the .pub file pilotpack pack keygen wrote")
	msgNotRegular   = lang.T("%s：不是普通文件；请给出 pilotpack pack keygen 写出的密钥文件", "%s: not a regular file; give the key file pilotpack pack keygen wrote")
	msgKeyTooBig    = lang.T("%s：有 %d 字节，不可能是密钥；请给出 pilotpack pack keygen 写出的密钥文件", "%s: %d bytes, too large for a key; give the key file pilotpack pack keygen wrote")
	msgTrustBlank   = lang.T("--trust 需要公钥：pilotpack pack keygen 写出的 .pub 文件，或 base64 形式的公钥；空值不信任任何密钥", "--trust needs a public key: the .pub file pilotpack pack keygen wrote, or the key in base64; an empty value trusts nothing")
	msgTrustMissing = lang.T("--trust %s：既没有这个文件，也不是 base64 形式的公钥", "--trust %s: no such file, nor a key in base64")
	msgTrust        = lang.T("--trust %v", "--trust %v")
)
