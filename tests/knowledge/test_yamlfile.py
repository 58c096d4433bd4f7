from bot.knowledge.yamlfile import read_yaml


def test_mappings_and_lists_remember_their_lines(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("first:\n  value: 1\nsecond:\n  - x\n  - y\n", encoding="utf-8")
    data = read_yaml(path).data
    assert data.key_lines == {"first": 1, "second": 3}
    assert data["first"].line == 2
    assert data["second"].item_lines == [4, 5]


def test_duplicate_keys_are_recorded_not_silently_dropped(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("value: 1\nother: 2\nvalue: 3\n", encoding="utf-8")
    data = read_yaml(path).data
    assert data["value"] == 3
    assert data.duplicate_keys == [("value", 1, 3)]


def test_broken_yaml_reports_the_line_instead_of_raising(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("good: 1\nbad: [unclosed\nnext: 2\n", encoding="utf-8")
    document = read_yaml(path)
    assert document.data is None
    assert document.error is not None and document.error.line == 3
    assert "is not valid YAML" in document.error.message


def test_tabs_are_located(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\nb:\t2\n", encoding="utf-8")
    assert read_yaml(path).tab_lines == (2,)


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: \xff\xfe\n")
    document = read_yaml(path)
    assert document.error is not None and "not UTF-8" in document.error.message
