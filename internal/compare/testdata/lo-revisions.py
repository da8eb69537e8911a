#!/usr/bin/python3
"""Opens DOCX files in LibreOffice, accepts or rejects every tracked change,
and saves each as UTF-8 text: how an office suite resolves a redline.

usage: lo-revisions.py PROFILE_DIR (accept|reject|none) IN.docx OUT.txt [...]

It starts its own headless LibreOffice with its own profile (so that it
never meets another instance) and ends it when done.
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    profile, jobs = sys.argv[1], sys.argv[2:]
    if len(jobs) % 3:
        sys.exit(__doc__)
    pipe = "pilotpack%d" % os.getpid()
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
                               "--accept=pipe,name=%s;urp;" % pipe])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(600):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.1)
        if ctx is None:
            sys.exit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for i in range(0, len(jobs), 3):
            mode, src, dst = jobs[i], jobs[i + 1], jobs[i + 2]
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                               (prop("Hidden", True),))
            if mode != "none":
                command = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}[mode]
                dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
            if doc.getRedlines().createEnumeration().hasMoreElements():
                sys.exit("%s: tracked changes are left after %s" % (src, mode))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                           (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,")))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
