package docx

// fontTable describes the faces the styles name, so that a word processor
// lacking one substitutes a face of the same kind and character set (GB2312,
// charset 86) rather than any face: SimSun is also known as 宋体, SimHei as
// 黑体.
const fontTable = xmlPI + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="` + songFace + `"><w:altName w:val="宋体"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="` + heiFace + `"><w:altName w:val="黑体"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="Consolas"><w:panose1 w:val="020B0609020204030204"/><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`</w:fonts>`

// theme is the document's theme: Word's default colours, and fonts that say
// what the styles say (Song and Times New Roman for body text, Hei and Arial
// for headings), so that text set in the theme's fonts (Word's "+Body" and
// "+Headings", and whatever a user adds) is Chinese in a Chinese face. No
// script but Simplified Chinese is named: a Japanese face is never offered.
const theme = xmlPI + `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="pilotpack">` +
	`<a:themeElements><a:clrScheme name="Office">` +
	`<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>` +
	`<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>` +
	`<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>` +
	`<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>` +
	`<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>` +
	`<a:hlink><a:srgbClr val="003399"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>` +
	`<a:fontScheme name="pilotpack">` +
	`<a:majorFont><a:latin typeface="Arial"/><a:ea typeface="` + heiFace + `"/><a:cs typeface="Arial"/><a:font script="Hans" typeface="` + heiFace + `"/></a:majorFont>` +
	`<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface="` + songFace + `"/><a:cs typeface="Times New Roman"/><a:font script="Hans" typeface="` + songFace + `"/></a:minorFont>` +
	`</a:fontScheme><a:fmtScheme name="Office">` +
	`<a:fillStyleLst>` + phFill + phFill + phFill + `</a:fillStyleLst>` +
	`<a:lnStyleLst>` + phLine + phLine + phLine + `</a:lnStyleLst>` +
	`<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>` +
	`<a:bgFillStyleLst>` + phFill + phFill + phFill + `</a:bgFillStyleLst>` +
	`</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`

// The format scheme's three fills, lines and effects (the schema asks for
// three of each): plain ones, as nothing in the document draws shapes.
const (
	phFill = `<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>`
	phLine = `<a:ln w="6350" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/></a:ln>`
)
