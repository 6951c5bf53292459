"""The data page of a ward: import and export the registries, download empty templates."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from taicho.community import exports as community_exports
from taicho.community.imports import HOUSEHOLDS, RESIDENTS, households_import
from taicho.core import tabular
from taicho.core.access import can_manage
from taicho.core.web import ward_view
from taicho.hazards import exports as hazard_exports
from taicho.hazards.imports import ZONES, zones_import
from taicho.shelters import exports as shelter_exports
from taicho.shelters.imports import SHELTERS, shelters_import


@dataclass(frozen=True)
class Export:
    slug: str
    label: str
    write: Callable[..., tabular.Download]


@dataclass(frozen=True)
class Registry:
    """One registry on the data page: how it is imported, documented and exported."""

    slug: str
    title: str
    sheets: tuple[tabular.Sheet, ...]
    importer: Callable[..., tabular.ImportResult]
    template: Callable[[], tabular.Download]
    exports: tuple[Export, ...]
    notes: tuple[str, ...]
    file_label: str
    second_file_label: str = ""  # households: the residents CSV next to the households CSV
    accept: str = ".xlsx,.csv"

    def export(self, slug: str) -> Export | None:
        return next((export for export in self.exports if export.slug == slug), None)


REGISTRIES = {
    registry.slug: registry
    for registry in (
        Registry(
            slug="households",
            title=_("Households and residents"),
            sheets=(HOUSEHOLDS, RESIDENTS),
            importer=households_import,
            template=community_exports.households_template,
            exports=(
                Export(
                    "xlsx",
                    _("Workbook (.xlsx, both sheets)"),
                    community_exports.households_workbook,
                ),
                Export("csv", _("Households (.csv)"), community_exports.households_csv),
                Export("residents-csv", _("Residents (.csv)"), community_exports.residents_csv),
            ),
            notes=(
                _(
                    "Upload one workbook (.xlsx) with the sheets “Hộ dân” and “Nhân khẩu”, or the "
                    "households CSV file and, if you have it, the residents CSV file."
                ),
                _(
                    "Households are matched by their code, residents by household, full name and "
                    "birth year: importing the same file again changes nothing."
                ),
                _(
                    "For every household listed in the residents sheet, the residents that are "
                    "not in the file are removed: the file is the truth for those households. "
                    "Households without any resident row keep their residents."
                ),
            ),
            file_label=_("Workbook (.xlsx) or households CSV"),
            second_file_label=_("Residents CSV (optional, with a households CSV)"),
        ),
        Registry(
            slug="shelters",
            title=_("Shelters"),
            sheets=(SHELTERS,),
            importer=shelters_import,
            template=shelter_exports.shelters_template,
            exports=(
                Export("xlsx", _("Workbook (.xlsx)"), shelter_exports.shelters_workbook),
                Export("csv", _("CSV"), shelter_exports.shelters_csv),
            ),
            notes=(_("Shelters are matched by their code."),),
            file_label=_("Workbook (.xlsx) or CSV"),
        ),
        Registry(
            slug="zones",
            title=_("Hazard zones"),
            sheets=(ZONES,),
            importer=zones_import,
            template=hazard_exports.zones_template,
            exports=(
                Export("xlsx", _("Workbook (.xlsx)"), hazard_exports.zones_workbook),
                Export("csv", _("CSV"), hazard_exports.zones_csv),
                Export("geojson", _("GeoJSON"), hazard_exports.zones_geojson),
            ),
            notes=(
                _(
                    "Zones are matched by their code. A GeoJSON FeatureCollection is accepted "
                    "too: its properties are the columns below (code, name, kind, …), other "
                    "properties are ignored, and a problem's line is the feature's number."
                ),
            ),
            file_label=_("Workbook (.xlsx), CSV or GeoJSON"),
            accept=".xlsx,.csv,.geojson,.json",
        ),
    )
}

COMMON_NOTES = (
    _(
        "The first row holds the column headers (line 1). Headers may be written in Vietnamese, "
        "with or without diacritics, or in English; upper or lower case does not matter."
    ),
    _(
        "CSV files: UTF-8 (Excel: “CSV UTF-8”), separated by commas or semicolons. "
        "An empty cell clears the value; a column left out of the file leaves it as it is."
    ),
    _(
        "Every row is checked before anything is written: if one row is wrong, nothing is "
        "imported and every problem is listed with its sheet, line and column."
    ),
)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=True)
    second_file = forms.FileField(label=_("Second file"), required=False, allow_empty_file=True)


def _managed(view):
    """A ward page for those who may import and export (command board, PCTT officer)."""

    @ward_view
    @wraps(view)
    def wrapper(request, ward, *args, **kwargs):
        if not can_manage(request.user, ward_id=ward.id):
            raise PermissionDenied(_("Only the command board and the officer may do this."))
        return view(request, ward, *args, **kwargs)

    return wrapper


def _registry(slug: str) -> Registry:
    registry = REGISTRIES.get(slug)
    if registry is None:
        raise Http404(_("No such registry."))
    return registry


def _page(request, ward, *, failed: Registry | None = None, problems=(), form=None, status=200):
    return render(
        request,
        "web/transfer.html",
        {
            "ward": ward,
            "registries": REGISTRIES.values(),
            "common_notes": COMMON_NOTES,
            "max_bytes": settings.TAICHO_IMPORT_MAX_BYTES,
            "failed": failed,
            "problems": problems,
            "form": form,
        },
        status=status,
    )


def _download(download: tabular.Download) -> HttpResponse:
    response = HttpResponse(download.data, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.name}"'
    return response


@require_GET
@_managed
def transfer_home(request, ward):
    return _page(request, ward)


@require_POST
@_managed
def transfer_import(request, ward, kind: str):
    registry = _registry(kind)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, ward, failed=registry, form=form, status=400)
    uploads = [form.cleaned_data["file"]]
    if registry.second_file_label and form.cleaned_data["second_file"]:
        uploads.append(form.cleaned_data["second_file"])
    try:
        sources = [tabular.source_from_upload(upload) for upload in uploads]
        result = registry.importer(actor=request.user, ward=ward, sources=sources)
    except tabular.ImportRejected as rejected:
        return _page(request, ward, failed=registry, problems=rejected.problems, status=400)
    messages.success(request, str(result))
    return redirect("transfer_home", ward_code=ward.code)


@require_GET
@_managed
def transfer_template(request, ward, kind: str):
    return _download(_registry(kind).template())


@require_GET
@_managed
def transfer_export(request, ward, kind: str, fmt: str):
    export = _registry(kind).export(fmt)
    if export is None:
        raise Http404(_("No such export."))
    return _download(export.write(actor=request.user, ward=ward))
