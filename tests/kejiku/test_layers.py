"""The apps import one way: a cycle between them is a design error, found here before review.

import-linter's layers contract (pyproject.toml, `lint-imports` in CI) fixes the order; this
test reads the same import graph and fails on any cycle between the project's top-level
packages, whatever order a future contract might name."""

import grimp

APPS = ("kejiku", "watch", "search", "articles", "textkit")


def app_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph(*APPS)
    edges: dict[str, set[str]] = {app: set() for app in APPS}
    for importer in APPS:
        for imported in APPS:
            # as packages: any module of one importing any module of the other
            if importer != imported and graph.find_shortest_chains(importer=importer, imported=imported):
                edges[importer].add(imported)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted((a, b) for a in edges for b in edges[a] if a in edges.get(b, ()))


def test_no_two_apps_import_each_other():
    edges = app_graph()
    assert edges["search"] >= {"articles", "textkit"}  # the graph is read, not empty
    assert cycles(edges) == []
    # and the order is the one the layers contract names: each app only imports apps below it
    for position, app in enumerate(APPS):
        assert edges[app] <= set(APPS[position + 1 :]), (app, edges[app])


def test_a_cycle_would_be_found():
    assert cycles({"search": {"articles"}, "articles": {"search"}}) == [("articles", "search"), ("search", "articles")]
