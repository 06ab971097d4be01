"""The forms of /watch/: save a search, watch a record or a formulation, change or remove one."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from search.forms import describe
from search.params import InvalidSearch
from watch import saved
from watch.models import Frequency, SavedSearch
from watch.targets import Target, UnknownTarget, target_from

QUERY_CHARS = 4000


class FrequencyField(forms.ChoiceField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(label="邮件摘要", choices=Frequency.choices, initial=Frequency.DAILY, **kwargs)


class SaveSearchForm(forms.Form):
    query = forms.CharField(widget=forms.HiddenInput, max_length=QUERY_CHARS)
    name = forms.CharField(label="名称", max_length=saved.NAME_CHARS, required=False,
                           help_text="留空则以检索词命名")
    frequency = FrequencyField()

    def clean_query(self) -> str:
        try:
            self.params = saved.params_from(QueryDict(self.cleaned_data["query"]))
        except InvalidSearch as error:
            raise forms.ValidationError(describe(error)) from error
        return saved.canonical_query(self.params)

    def clean(self) -> dict:
        data = super().clean()
        if "query" in data and not data.get("name", "").strip():
            data["name"] = saved.default_name(self.params)
        return data


class SavedSearchForm(forms.ModelForm):
    """Rename a saved search or change how often it is emailed (its search stays as saved)."""

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]


class FrequencyForm(forms.Form):
    frequency = FrequencyField()


class AddWatchForm(forms.Form):
    """frequency, plus the one parameter naming the target: official=3, phrase=新质生产力 …"""

    frequency = FrequencyField()

    def __init__(self, data: QueryDict | None = None, *, target_data: QueryDict, **kwargs: object) -> None:
        super().__init__(data, **kwargs)
        self.target: Target | None = None
        self.target_error: str | None = None
        try:
            self.target = target_from(target_data)
        except UnknownTarget as error:
            self.target_error = str(error)

    def clean(self) -> dict:
        data = super().clean()
        if self.target is None:
            raise forms.ValidationError(self.target_error or "")
        return data
