"""Save and load model bundles: a folder with the fitted parts and a manifest that pins them.

The manifest records the data hash, config, metrics, threshold, library versions, git commit and the
sha256 of every file. Loading verifies every hash and refuses a tampered or incomplete bundle; a bundle
made with other library versions loads with a warning naming them. (Hashes prove integrity, not origin:
load only bundles you trust, since the fitted parts are pickles.)
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import warnings
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import joblib
import lightgbm as lgb

from imrpredict import __version__
from imrpredict.features.builder import FeatureSetError
from imrpredict.modeling.model import IMRModel

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PARTS = ("builder.joblib", "booster.txt", "calibrator.joblib", "baselines.joblib")
TRACKED_LIBRARIES = ("scikit-learn", "lightgbm", "numpy", "scipy", "pandas", "pyarrow", "joblib")


class BundleError(RuntimeError):
    pass


class BundleVersionWarning(UserWarning):
    pass


def library_versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "imrpredict": __version__}
    for lib in (*TRACKED_LIBRARIES, "mlflow"):
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = "not installed"
    return out


def git_commit() -> str | None:
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True, timeout=5).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return sha + ("-dirty" if dirty else "")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def manifest_sha256(bundle: Path) -> str:
    """The bundle's identity: the sha256 of its manifest, which itself records every file's sha256."""
    return sha256_file(Path(bundle) / MANIFEST)


def save_bundle(model: IMRModel, out: Path, config: dict[str, Any], metrics: dict[str, float], extra: dict[str, Any] | None = None) -> Path:
    """Write the bundle folder ``out`` (must not exist yet) and return the manifest path."""
    if out.exists() and any(out.iterdir()):
        raise BundleError(f"{out} already exists and is not empty; choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(model.builder, out / "builder.joblib", compress=3)
    model.booster.save_model(str(out / "booster.txt"))
    joblib.dump(model.calibrator, out / "calibrator.joblib")
    joblib.dump(model.baselines, out / "baselines.joblib", compress=3)
    manifest = {
        "format_version": FORMAT_VERSION,
        "name": out.name,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "threshold": model.threshold,
        "calibration": model.calibrator.method,
        "metrics": metrics,
        "config": config,
        "data": {k: model.metadata[k] for k in ("data_sha256", "n_items", "n_letters", "source") if k in model.metadata},
        "n_features": model.metadata.get("n_features"),
        "score_offset": model.metadata.get("score_offset", 0.0),
        "libraries": library_versions(),
        "git_commit": git_commit(),
        "files": {name: sha256_file(out / name) for name in PARTS},
        **(extra or {}),
    }
    path = out / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    return path


def read_manifest(bundle: Path) -> dict[str, Any]:
    path = bundle / MANIFEST
    if not bundle.is_dir():
        raise BundleError(f"{bundle}: no such model folder")
    if not path.exists():
        raise BundleError(f"{bundle}: incomplete bundle, {MANIFEST} is missing")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BundleError(f"{path}: manifest is not valid JSON ({exc})") from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BundleError(f"{path}: bundle format {manifest.get('format_version')!r}, this imrpredict reads {FORMAT_VERSION}")
    return manifest


def verify_bundle(bundle: Path) -> dict[str, Any]:
    """Check every file against the manifest; return the manifest. Raises BundleError naming the problem."""
    manifest = read_manifest(bundle)
    files = manifest.get("files") or {}
    missing = [name for name in PARTS if name not in files or not (bundle / name).exists()]
    if missing:
        raise BundleError(f"{bundle}: incomplete bundle, missing {', '.join(missing)}")
    for name, expected in files.items():
        actual = sha256_file(bundle / name)
        if actual != expected:
            raise BundleError(
                f"{bundle / name}: sha256 {actual[:12]}... does not match the manifest ({expected[:12]}...); "
                "the bundle was modified or corrupted, refusing to load it"
            )
    saved = manifest.get("libraries", {})
    current = library_versions()
    differ = [f"{lib} {saved.get(lib)} (now {current[lib]})" for lib in TRACKED_LIBRARIES if saved.get(lib) and saved.get(lib) != current[lib]]
    if differ:
        warnings.warn(f"{bundle}: made with other library versions: {', '.join(differ)}; predictions may differ", BundleVersionWarning, stacklevel=3)
    return manifest


def resolve_bundle(path: Path) -> Path:
    """Accept a bundle folder, or models/latest (a text file naming the newest bundle beside it)."""
    if path.is_file() and path.name == "latest":
        target = path.parent / path.read_text(encoding="utf-8").strip()
        return target
    if path.is_dir() and not (path / MANIFEST).exists() and (path / "latest").is_file():
        return resolve_bundle(path / "latest")
    return path


def load_bundle(path: Path, with_baselines: bool = True) -> IMRModel:
    """Load a verified bundle as an IMRModel (scoring workers skip the baselines they never use)."""
    bundle = resolve_bundle(Path(path))
    manifest = verify_bundle(bundle)
    builder = joblib.load(bundle / "builder.joblib")
    try:
        builder.check_feature_set()
    except FeatureSetError as exc:
        raise BundleError(f"{bundle}: {exc}") from exc
    booster = lgb.Booster(model_file=str(bundle / "booster.txt"))
    calibrator = joblib.load(bundle / "calibrator.joblib")
    baselines = joblib.load(bundle / "baselines.joblib") if with_baselines else {}
    metadata = {"name": manifest.get("name"), "path": str(bundle), "manifest": manifest, "score_offset": float(manifest.get("score_offset", 0.0))}
    return IMRModel(
        builder=builder, booster=booster, calibrator=calibrator, threshold=float(manifest["threshold"]), metadata=metadata, baselines=baselines
    )
