"""The house rules of `bot/` (issue 9), checked on the code itself so they stay true:
small modules and classes, layers that import only downwards, no cycles, no reaching into
another module's private names."""

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
MAX_MODULE_LINES = 300
MAX_CLASS_LINES = 200
# Each layer may import from the layers before it in this list (and from itself), never after.
LAYERS = ["language", "knowledge", "answering", "render", "maintenance", "tg", "cli"]
# Modules at the top of the package that any layer may use.
SHARED = {"bot", "bot.paths", "bot.logs"}


def _modules():
    for path in sorted(BOT.rglob("*.py")):
        name = ".".join(path.relative_to(BOT.parent).with_suffix("").parts).removesuffix(".__init__")
        yield name, path, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bot"):
            yield node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("bot"):
                    yield alias.name, []


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2 or module in SHARED:
        return None
    name = parts[1]
    if name in ("cli", "__main__"):
        return LAYERS.index("cli")
    return LAYERS.index(name) if name in LAYERS else None


def test_no_module_above_300_lines_and_no_class_above_200():
    too_long = [(name, len(path.read_text().splitlines())) for name, path, _ in _modules()
                if len(path.read_text().splitlines()) > MAX_MODULE_LINES]
    big_classes = [(name, node.name, node.end_lineno - node.lineno + 1) for name, _, tree in _modules()
                   for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                   and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES]
    assert too_long == [] and big_classes == []


def test_layers_import_only_downwards():
    upwards = []
    for name, _, tree in _modules():
        own = _layer(name)
        for module, _ in _imports(tree):
            other = _layer(module)
            if own is not None and other is not None and other > own:
                upwards.append(f"{name} imports {module}")
    assert upwards == []


def test_no_import_cycles():
    graph = {name: {m for m, _ in _imports(tree)} for name, _, tree in _modules()}
    cycles, state = [], {}

    def visit(module, stack):
        state[module] = "open"
        for dep in graph.get(module, ()):
            if state.get(dep) == "open":
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep in graph and dep not in state:
                visit(dep, stack + [dep])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_module_imports_another_module_s_private_names():
    private = [f"{name} imports {module}.{n}" for name, _, tree in _modules() for module, names in _imports(tree)
               for n in names if n.startswith("_") and not n.startswith("__")]
    assert private == []
