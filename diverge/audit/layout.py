"""Finding the stories under the folders given to `diverge audit`.

A folder holding `.txt` files is one story (its outlets are those files); a folder of folders is
many stories, one per folder that holds `.txt` files, at any depth. Document ids are the path
relative to the audited root without extension (`story-a/reuters`), so that finding ids, and the
baseline that names them, do not depend on where the audit is run from. Only paths are gathered
here; files are read one story at a time by the runner.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from diverge.errors import UsageError

TEXT_SUFFIX = ".txt"


@dataclass(frozen=True)
class Outlet:
    """One article of a story: where it is and the id it gets."""

    id: str
    """Path relative to the audited root, without extension, with `/` separators."""
    path: str
    """The audited root as given, joined with the file's relative path (for messages, SARIF)."""

    @property
    def name(self) -> str:
        """The file name without extension ("reuters"): what `--reference` names."""
        return PurePosixPath(self.id).name


@dataclass(frozen=True)
class Story:
    """A folder whose `.txt` files tell the same story."""

    name: str
    """Folder path relative to the root; the root folder's own name for a flat root."""
    path: str
    root: str
    """The audited root (as given) this story was found under."""
    outlets: tuple[Outlet, ...]


@dataclass(frozen=True)
class Layout:
    """Every story found, in a fixed order, and the notes for what was skipped."""

    roots: tuple[str, ...]
    stories: tuple[Story, ...]
    notes: tuple[str, ...]


def discover(paths: list[str]) -> Layout:
    """The stories under `paths` (folders); UsageError when a path is not a folder or has none."""
    roots: list[str] = []
    seen_roots: set[Path] = set()
    stories: list[Story] = []
    notes: list[str] = []
    for given in paths:
        root = Path(given)
        if not root.exists():
            raise UsageError(f"audit: {given}: no such folder")
        if not root.is_dir():
            raise UsageError(
                f"audit: {given}: not a folder (give a folder of .txt files, or of story folders)"
            )
        if root.resolve() in seen_roots:
            continue
        seen_roots.add(root.resolve())
        roots.append(given)
        found = _stories_under(root, given, notes)
        if not found:
            raise UsageError(f"audit: {given}: no .txt files found (a story is a folder of them)")
        stories.extend(found)
    _check_unique(stories)
    usable = []
    for story in stories:
        if len(story.outlets) < 2:
            notes.append(f"story {story.name}: only one outlet ({story.outlets[0].path}); skipped")
        else:
            usable.append(story)
    if not usable:
        raise UsageError("audit: no story has two or more .txt files to compare")
    return Layout(tuple(roots), tuple(usable), tuple(notes))


def _stories_under(root: Path, given: str, notes: list[str]) -> list[Story]:
    stories = []
    for folder, texts, others in _walk(root):
        if not texts:
            continue
        rel = folder.relative_to(root)
        for other in others:
            notes.append(f"skipped {_display(given, rel / other)}: not a .txt file")
        outlets = tuple(
            Outlet(
                id=(rel / name).with_suffix("").as_posix(),
                path=_display(given, rel / name),
            )
            for name in texts
        )
        name = rel.as_posix() if rel.parts else (root.resolve().name or given)
        stories.append(Story(name, _display(given, rel), given, outlets))
    return stories


def _walk(root: Path) -> list[tuple[Path, list[str], list[str]]]:
    """Each folder under `root` (sorted, hidden entries and symlinked folders left out), with its
    `.txt` file names and its other file names."""
    result = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise UsageError(f"audit: {folder}: cannot list ({exc.strerror})") from None
        texts, others, subfolders = [], [], []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(Path(entry.path))
            elif entry.name.lower().endswith(TEXT_SUFFIX):
                texts.append(entry.name)
            elif entry.is_file() or entry.is_symlink():
                others.append(entry.name)
        result.append((folder, texts, others))
        pending.extend(reversed(subfolders))
    return sorted(result, key=lambda item: item[0].relative_to(root).parts)


def _display(given: str, rel: Path) -> str:
    """`rel` joined to the root as the user gave it, with `/` separators."""
    if not rel.parts:
        return given
    return (PurePosixPath(Path(given).as_posix()) / rel.as_posix()).as_posix()


def _check_unique(stories: list[Story]) -> None:
    """Two roots may not yield the same story name or document id: ids name findings."""
    names: dict[str, str] = {}
    ids: dict[str, str] = {}
    for story in stories:
        if story.name in names and names[story.name] != story.root:
            raise UsageError(
                f"audit: story name {story.name!r} is found under both {names[story.name]} and "
                f"{story.root}; audit them separately or audit their parent folder"
            )
        names[story.name] = story.root
        for outlet in story.outlets:
            if outlet.id in ids:
                raise UsageError(
                    f"audit: document id {outlet.id!r} is found under both {ids[outlet.id]} and "
                    f"{story.root}; audit them separately or audit their parent folder"
                )
            ids[outlet.id] = story.root
