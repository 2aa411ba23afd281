"""Dialogs for one annotation: note, colour and tags; and a link to a passage elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, QStringListModel, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.models.annotations import DEFAULT_COLOUR, SWATCHES

LINK_LABELS = ("same claim", "contradicts", "follows up")


def colour_icon(colour: str, size: int = 16) -> QIcon:
    """A filled square in a highlight colour, for menus and buttons."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(SWATCHES.get(colour, SWATCHES[DEFAULT_COLOUR])))
    return QIcon(pixmap)


def fill_tag_box(box: QComboBox, tags: Sequence[str]) -> bool:
    """Offer "All tags" and these tags, keeping the user's choice; False if it went away."""
    chosen = box.currentData() or ""
    box.blockSignals(True)
    box.clear()
    box.addItem("All tags", "")
    for tag in tags:
        box.addItem(tag, tag)
    box.setCurrentIndex(max(0, box.findData(chosen)))
    box.blockSignals(False)
    return not chosen or box.currentData() == chosen


def split_tags(text: str) -> list[str]:
    """Tags typed as "a, b , c" (blank ones dropped, order and first spelling kept)."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        name = part.strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


class TagEdit(QLineEdit):
    """Comma-separated tags; the tag being typed completes from the archive's tags."""

    def __init__(self, known: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("tags, separated by commas")
        self._model = QStringListModel(list(known), self)
        self.tag_completer = QCompleter(self._model, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setWidget(self)
        self.tag_completer.activated.connect(self._complete)
        self.textEdited.connect(self._typed)

    def _current(self) -> str:
        return self.text()[: self.cursorPosition()].split(",")[-1].lstrip()

    def _typed(self, _text: str) -> None:
        prefix = self._current()
        if not prefix:
            popup = self.tag_completer.popup()
            if popup is not None:
                popup.hide()
            return
        self.tag_completer.setCompletionPrefix(prefix)
        self.tag_completer.complete()

    def _complete(self, tag: str) -> None:
        head = self.text()[: self.cursorPosition()]
        cut = head.rfind(",") + 1
        before = head[:cut] + (" " if cut else "")
        self.setText(before + tag + ", " + self.text()[self.cursorPosition() :].lstrip(", "))
        self.setCursorPosition(len(before + tag) + 2)

    def tags(self) -> list[str]:
        """The tags typed."""
        return split_tags(self.text())


class ColourPicker(QWidget):
    """Six named swatches; exactly one is chosen."""

    def __init__(self, colour: str = DEFAULT_COLOUR, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QToolButton] = {}
        for name in SWATCHES:
            button = QToolButton()
            button.setCheckable(True)
            button.setText(name.capitalize())
            button.setIcon(colour_icon(name, 22))
            button.setIconSize(QSize(22, 22))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setToolTip(f"Highlight in {name}")
            self.group.addButton(button)
            self.buttons[name] = button
            row.addWidget(button)
        self.set_colour(colour)

    def set_colour(self, colour: str) -> None:
        """Choose a colour (unknown names choose the default)."""
        self.buttons.get(colour, self.buttons[DEFAULT_COLOUR]).setChecked(True)

    def colour(self) -> str:
        """The chosen colour's name."""
        return next(n for n, b in self.buttons.items() if b.isChecked())


@dataclass(frozen=True)
class AnnotationValues:
    """What the user entered: note (Markdown), colour name, tags."""

    note: str
    colour: str
    tags: list[str]


class AnnotationDialog(QDialog):
    """Note (Markdown, several lines), one of six colours, and tags."""

    def __init__(
        self,
        quote: str,
        *,
        note: str = "",
        colour: str = DEFAULT_COLOUR,
        tags: Sequence[str] = (),
        known_tags: Sequence[str] = (),
        title: str = "Annotation",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("annotationDialog")
        shown = " ".join(quote.split())
        quote_label = QLabel(f"“{shown[:300]}{'…' if len(shown) > 300 else ''}”")
        quote_label.setWordWrap(True)
        quote_label.setTextFormat(Qt.TextFormat.PlainText)
        quote_label.setObjectName("annotationQuote")
        self.note_edit = QPlainTextEdit(note)
        self.note_edit.setPlaceholderText(
            "Note (Markdown: **bold**, *italic*, - lists, [links](…))"
        )
        self.note_edit.setTabChangesFocus(True)
        self.colours = ColourPicker(colour)
        self.tag_edit = TagEdit(known_tags)
        self.tag_edit.setText(", ".join(tags))
        form = QFormLayout()
        form.addRow("Note:", self.note_edit)
        form.addRow("Colour:", self.colours)
        form.addRow("Tags:", self.tag_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(quote_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 380)
        self.note_edit.setFocus()

    def values(self) -> AnnotationValues:
        """The note, colour and tags entered."""
        return AnnotationValues(
            self.note_edit.toPlainText().strip(), self.colours.colour(), self.tag_edit.tags()
        )


@dataclass(frozen=True)
class LinkChoice:
    """A passage a link can point at: a selection in a pane, or an existing annotation.

    Attributes:
        text: how the list shows it.
        article_id: the passage's article.
        start: text offset.
        end: text offset.
        annotation_id: the annotation, when the passage is one already.
    """

    text: str
    article_id: int
    start: int
    end: int
    annotation_id: int | None = None


class LinkDialog(QDialog):
    """Pick the passage to link to and a label ("same claim", "contradicts", ...)."""

    def __init__(
        self, quote: str, choices: Sequence[LinkChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link to…")
        self.setObjectName("linkDialog")
        shown = " ".join(quote.split())
        source = QLabel(f"From: “{shown[:200]}{'…' if len(shown) > 200 else ''}”")
        source.setWordWrap(True)
        source.setTextFormat(Qt.TextFormat.PlainText)
        self.targets = QListWidget()
        for choice in choices:
            item = QListWidgetItem(choice.text)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            self.targets.addItem(item)
        if choices:
            self.targets.setCurrentRow(0)
        self.targets.itemDoubleClicked.connect(lambda _i: self.accept())
        self.label_box = QComboBox()
        self.label_box.setEditable(True)
        self.label_box.addItems(list(LINK_LABELS))
        line = self.label_box.lineEdit()
        if line is not None:
            line.setPlaceholderText("or type your own label")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addWidget(QLabel("To (a selection or an annotation in another pane):"))
        layout.addWidget(self.targets, 1)
        form = QFormLayout()
        form.addRow("Label:", self.label_box)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def choice(self) -> LinkChoice | None:
        """The passage picked."""
        item = self.targets.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def label(self) -> str:
        """The label typed or picked."""
        return self.label_box.currentText().strip() or LINK_LABELS[0]
