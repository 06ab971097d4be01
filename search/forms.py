"""The search page's GET parameters parsed into SearchParams.

The form only turns strings into values (repeated kind/source/topic
parameters, ISO dates, numbers); search.params.make_params applies the rules
the API shares.
"""

from __future__ import annotations

from django import forms

from search.params import (
    KIND_LABELS,
    MAX_QUERY_CHARS,
    REPRINT_LABELS,
    SORT_LABELS,
    InvalidSearch,
    SearchParams,
    make_params,
)

PARAM_LABELS = {
    "q": "检索词",
    "kind": "类型",
    "source": "来源",
    "topic": "主题",
    "validity": "效力",
    "date_from": "起始日期",
    "date_to": "截止日期",
    "sort": "排序",
    "reprints": "通稿",
    "page": "页码",
    "page_size": "每页条数",
}


class ValuesField(forms.Field):
    """A parameter that may repeat (?source=a&source=b)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: object) -> list[str]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v) for v in values]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=PARAM_LABELS["q"],
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_CHARS,
                "placeholder": "人名、术语、文号、会议……简体繁体均可",
                "autocomplete": "off",
            }
        ),
    )
    kind = forms.MultipleChoiceField(
        label=PARAM_LABELS["kind"], choices=list(KIND_LABELS.items()), required=False,
        widget=forms.MultipleHiddenInput,
    )
    source = ValuesField(label=PARAM_LABELS["source"], required=False)
    topic = ValuesField(label=PARAM_LABELS["topic"], required=False)
    validity = ValuesField(label=PARAM_LABELS["validity"], required=False)
    date_from = forms.DateField(
        label=PARAM_LABELS["date_from"], required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=PARAM_LABELS["date_to"], required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(label=PARAM_LABELS["sort"], choices=list(SORT_LABELS.items()), required=False)
    reprints = forms.ChoiceField(label=PARAM_LABELS["reprints"], choices=list(REPRINT_LABELS.items()), required=False)
    page = forms.IntegerField(label=PARAM_LABELS["page"], required=False)
    page_size = forms.IntegerField(label=PARAM_LABELS["page_size"], required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("auto_id", "search-%s")
        super().__init__(*args, **kwargs)

    def has_query(self) -> bool:
        """Whether anything was typed at all (an empty box is not an error)."""
        return bool(str(self.data.get("q", "")).strip())

    def params(self) -> SearchParams:
        """Checked parameters, or InvalidSearch for the first bad one."""
        if not self.is_valid():
            name, errors = next(iter(self.errors.items()))
            raise InvalidSearch(name, " ".join(errors))
        data = self.cleaned_data
        return make_params(
            q=data["q"],
            kinds=data["kind"],
            sources=data["source"],
            topics=data["topic"],
            validities=data["validity"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            sort=data["sort"] or None,
            reprints=data["reprints"] or None,
            page=data["page"],
            page_size=data["page_size"],
        )


def describe(error: InvalidSearch) -> str:
    """The error as one sentence for the page: 起始日期：…"""
    return f"{PARAM_LABELS.get(error.param, error.param)}：{error.message}"
