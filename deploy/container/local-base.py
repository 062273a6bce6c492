#!/usr/bin/env python3
"""A local stand-in for mcr.microsoft.com/dotnet/aspnet, for machines that reach only the Debian and NuGet registries.

build: makes a one-layer image from Debian bookworm packages (the runtime libraries the official image has) and the
       .NET and ASP.NET Core runtimes of the installed SDK, as an OCI layout under the cache folder. Same inputs, same
       digest: the layer tar is sorted, owned by root (except /home/app) and dated SOURCE_DATE_EPOCH.
serve: answers the read side of the registry API (v2) for that layout on 127.0.0.1, so `dotnet publish
       /t:PublishContainer` can pull it as its base image. Nothing else: no push, no auth.
"""
import argparse
import glob
import gzip
import hashlib
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

# What the official runtime-deps image for Debian 12 installs (plus bash, for health checks written as shell).
PACKAGES = ["libc6", "libgcc-s1", "libstdc++6", "libicu72", "libssl3", "zlib1g", "ca-certificates", "tzdata", "bash", "libtinfo6"]
APP_UID = 1654  # the official images' "app" user
MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json"
CONFIG_TYPE = "application/vnd.docker.container.image.v1+json"
LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip"
EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))


def runtimes():
    """(dotnet root, runtime version) of the SDK's ASP.NET Core runtime, from `dotnet --list-runtimes`."""
    out = subprocess.run(["dotnet", "--list-runtimes"], check=True, capture_output=True, text=True).stdout
    found = re.findall(r"^Microsoft\.AspNetCore\.App (\S+) \[(.+)\]$", out, re.M)
    if not found:
        sys.exit("local-base: no Microsoft.AspNetCore.App runtime in `dotnet --list-runtimes`")
    version, path = found[-1]
    root = os.path.dirname(os.path.dirname(path))
    if not os.path.isdir(os.path.join(root, "shared", "Microsoft.NETCore.App", version)):
        sys.exit(f"local-base: Microsoft.NETCore.App {version} missing under {root}")
    return root, version


def download(debs):
    os.makedirs(debs, exist_ok=True)
    if glob.glob(os.path.join(debs, "*.deb")):
        return
    attempt = subprocess.run(["apt-get", "download", *PACKAGES], cwd=debs, capture_output=True, text=True)
    if attempt.returncode != 0 and os.geteuid() == 0:
        # A fresh machine (or a slim container) may have no package lists yet.
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        attempt = subprocess.run(["apt-get", "download", *PACKAGES], cwd=debs, capture_output=True, text=True)
    if attempt.returncode != 0:
        shutil.rmtree(debs, ignore_errors=True)
        sys.exit("local-base: apt-get download failed (run `apt-get update` as root first):\n" + attempt.stderr)


def make_rootfs(root, debs, dotnet_root, version):
    for deb in sorted(glob.glob(os.path.join(debs, "*.deb"))):
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    # Documentation and manuals are not needed at run time.
    for path in ("usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/lintian", "usr/share/locale"):
        shutil.rmtree(os.path.join(root, path), ignore_errors=True)
    # What ca-certificates' postinst (update-ca-certificates) would write: the bundle OpenSSL and .NET read.
    os.makedirs(os.path.join(root, "etc/ssl/certs"), exist_ok=True)
    with open(os.path.join(root, "etc/ssl/certs/ca-certificates.crt"), "wb") as bundle:
        for crt in sorted(glob.glob(os.path.join(root, "usr/share/ca-certificates/*/*.crt"))):
            with open(crt, "rb") as f:
                bundle.write(f.read().rstrip(b"\n") + b"\n")
    # The runtimes, laid out as in the official image (/usr/share/dotnet, /usr/bin/dotnet).
    target = os.path.join(root, "usr/share/dotnet")
    os.makedirs(target)
    shutil.copy2(os.path.join(dotnet_root, "dotnet"), target)
    for name in ("LICENSE.txt", "ThirdPartyNotices.txt"):
        if os.path.exists(os.path.join(dotnet_root, name)):
            shutil.copy2(os.path.join(dotnet_root, name), target)
    shutil.copytree(os.path.join(dotnet_root, "host"), os.path.join(target, "host"))
    for framework in ("Microsoft.NETCore.App", "Microsoft.AspNetCore.App"):
        shutil.copytree(os.path.join(dotnet_root, "shared", framework, version), os.path.join(target, "shared", framework, version))
    os.makedirs(os.path.join(root, "usr/bin"), exist_ok=True)
    os.symlink("../share/dotnet/dotnet", os.path.join(root, "usr/bin/dotnet"))
    # The non-root user, and the folders a read-only root file system still needs as mount points.
    with open(os.path.join(root, "etc/passwd"), "w", encoding="ascii") as f:
        f.write(f"root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:{APP_UID}:{APP_UID}:app:/home/app:/usr/sbin/nologin\n")
    with open(os.path.join(root, "etc/group"), "w", encoding="ascii") as f:
        f.write(f"root:x:0:\napp:x:{APP_UID}:\n")
    for path in ("tmp", "home/app", "root", "app", "proc", "dev", "sys"):
        os.makedirs(os.path.join(root, path), exist_ok=True)
    os.chmod(os.path.join(root, "tmp"), 0o1777)


def layer(root, path):
    """Writes the gzipped layer; returns (digest of the gzip, digest of the tar)."""
    def owner(info):
        info.uid = info.gid = APP_UID if info.name == "home/app" else 0
        info.uname = info.gname = ""
        info.mtime = EPOCH
        return info

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for entry in sorted(os.listdir(root)):
            tar.add(os.path.join(root, entry), arcname=entry, filter=owner)
    data = raw.getvalue()
    with open(path, "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=6) as gz:
        gz.write(data)
    with open(path, "rb") as f:
        return "sha256:" + hashlib.sha256(f.read()).hexdigest(), "sha256:" + hashlib.sha256(data).hexdigest()


def put_blob(layout, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(layout, "blobs", "sha256", digest), "wb") as f:
        f.write(data)
    return "sha256:" + digest


def build(cache):
    dotnet_root, version = runtimes()
    debian = open("/etc/debian_version", encoding="ascii").read().strip() if os.path.exists("/etc/debian_version") else "unknown"
    with open(__file__, "rb") as f:
        recipe = hashlib.sha256(f.read()).hexdigest()
    key = hashlib.sha256(json.dumps([recipe, version, debian, EPOCH]).encode()).hexdigest()[:16]
    layout = os.path.join(cache, "base", key)
    if os.path.exists(os.path.join(layout, "index.json")):
        print(layout, version)
        return
    download(os.path.join(cache, "debs", debian))
    work = tempfile.mkdtemp(dir=cache)
    try:
        root = os.path.join(work, "rootfs")
        os.makedirs(root)
        make_rootfs(root, os.path.join(cache, "debs", debian), dotnet_root, version)
        staged = os.path.join(work, "layout")
        os.makedirs(os.path.join(staged, "blobs", "sha256"))
        gz_path = os.path.join(work, "layer.tar.gz")
        layer_digest, diff_id = layer(root, gz_path)
        os.rename(gz_path, os.path.join(staged, "blobs", "sha256", layer_digest[7:]))
        config = {
            "architecture": "amd64",
            "os": "linux",
            "config": {
                "User": str(APP_UID),
                "WorkingDir": "/app",
                "Env": [
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    f"APP_UID={APP_UID}",
                    "ASPNETCORE_HTTP_PORTS=8080",
                    "DOTNET_RUNNING_IN_CONTAINER=true",
                    f"DOTNET_VERSION={version}",
                    f"ASPNET_VERSION={version}",
                ],
            },
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created_by": f"deploy/container/local-base.py: Debian {debian} {' '.join(PACKAGES)}; .NET {version}"}],
        }
        config_bytes = json.dumps(config, sort_keys=True).encode()
        config_digest = put_blob(staged, config_bytes)
        manifest = {
            "schemaVersion": 2,
            "mediaType": MANIFEST_TYPE,
            "config": {"mediaType": CONFIG_TYPE, "size": len(config_bytes), "digest": config_digest},
            "layers": [{"mediaType": LAYER_TYPE, "size": os.path.getsize(os.path.join(staged, "blobs", "sha256", layer_digest[7:])), "digest": layer_digest}],
        }
        manifest_bytes = json.dumps(manifest, sort_keys=True).encode()
        manifest_digest = put_blob(staged, manifest_bytes)
        # An OCI layout, so skopeo or umoci can also read it (e.g. `skopeo copy oci:<dir>:<tag> docker://...`).
        with open(os.path.join(staged, "oci-layout"), "w", encoding="ascii") as f:
            json.dump({"imageLayoutVersion": "1.0.0"}, f)
        with open(os.path.join(staged, "index.json"), "w", encoding="ascii") as f:
            json.dump({"schemaVersion": 2, "manifests": [{
                "mediaType": MANIFEST_TYPE, "size": len(manifest_bytes), "digest": manifest_digest,
                "annotations": {"org.opencontainers.image.ref.name": version}}]}, f)
        os.makedirs(os.path.dirname(layout), exist_ok=True)
        shutil.rmtree(layout, ignore_errors=True)
        os.rename(staged, layout)
        # Older stand-ins (another runtime or recipe) are not used again.
        for old in glob.glob(os.path.join(cache, "base", "*")):
            if old != layout:
                shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(layout, version)


def serve(layout, port_file):
    with open(os.path.join(layout, "index.json"), encoding="ascii") as f:
        entry = json.load(f)["manifests"][0]
    tag, manifest_digest = entry["annotations"]["org.opencontainers.image.ref.name"], entry["digest"]
    blobs = os.path.join(layout, "blobs", "sha256")

    class Registry(http.server.BaseHTTPRequestHandler):
        def answer(self, body):
            path = self.path.split("?")[0]
            if path in ("/v2", "/v2/"):
                return self.send(200, b"{}", "application/json")
            match = re.fullmatch(r"/v2/.+/(manifests|blobs)/([^/]+)", path)
            if not match:
                return self.send(404, b"", "text/plain")
            kind, ref = match.groups()
            if kind == "manifests" and ref in (tag, manifest_digest):
                ref, content_type = manifest_digest, MANIFEST_TYPE
            elif kind == "blobs":
                content_type = "application/octet-stream"
            else:
                return self.send(404, b"", "text/plain")
            file = os.path.join(blobs, ref.removeprefix("sha256:"))
            if not re.fullmatch(r"sha256:[0-9a-f]{64}", ref) or not os.path.exists(file):
                return self.send(404, b"", "text/plain")
            with open(file, "rb") as f:
                self.send(200, f.read(), content_type, ref, body)

        def send(self, status, data, content_type, digest=None, body=True):
            self.send_response(status)
            self.send_header("Docker-Distribution-API-Version", "registry/2.0")
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            if digest:
                self.send_header("Docker-Content-Digest", digest)
            self.end_headers()
            if body:
                self.wfile.write(data)

        def do_GET(self):
            self.answer(True)

        def do_HEAD(self):
            self.answer(False)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    with open(port_file + ".part", "w", encoding="ascii") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".part", port_file)
    server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--cache", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--layout", required=True)
    s.add_argument("--port-file", required=True)
    args = parser.parse_args()
    if args.command == "build":
        os.makedirs(args.cache, exist_ok=True)
        build(args.cache)
    else:
        serve(args.layout, args.port_file)


if __name__ == "__main__":
    main()
