from django.db import models
from simple_history.models import HistoricalRecords


class Organization(models.Model):
    """A party organ, ministry, agency, academy or company, known by several names."""

    name = models.CharField("名称", max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级机构", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.TextField("说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationAlias(models.Model):
    """Another name for an organization (工信部 for 工业和信息化部); a name means one organization."""

    organization = models.ForeignKey(
        Organization, verbose_name="机构", on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField("别称", max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "机构别称"
        verbose_name_plural = "机构别称"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
