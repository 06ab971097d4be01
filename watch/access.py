"""Who may save searches and watch: the 分析员 (analysts, who read everything and edit nothing)
and the 编辑 (editors), through the watch app's permissions; each only ever sees their own rows."""

from __future__ import annotations

ANALYST_GROUP = "分析员"
# Holding this permission is what "may use saved searches and watches" means (both groups have
# every permission on the app's two models; a superuser has all).
USE_PERMISSION = "watch.view_savedsearch"


def may_watch(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(USE_PERMISSION))
