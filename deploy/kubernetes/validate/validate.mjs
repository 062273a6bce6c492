// Offline validation of the deployment files, without a cluster or a Docker engine:
//   node validate.mjs [file.yaml ...]    (default: ../*.yaml and ../../compose.yaml)
// Every Kubernetes object is validated against the Kubernetes OpenAPI schemas (kubernetes-models' validate()), then
// against this project's rules (probes, non-root, read-only root, no capabilities, limits, affinity, PDB).
// compose files get the same rules in compose terms. Exit code 1 and one line per problem when anything is wrong.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import * as models from "kubernetes-models";

const here = dirname(fileURLToPath(import.meta.url));
const deploy = join(here, "..", "..");
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : [
      ...readdirSync(join(deploy, "kubernetes")).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(deploy, "kubernetes", f)),
      join(deploy, "compose.yaml"),
    ];

const problems = [];
let checked = 0;

// "networking.k8s.io/v1" -> models.networkingK8sIo.v1; "v1" -> models.v1
function modelClass(apiVersion, kind) {
  const parts = String(apiVersion).split("/");
  const version = parts.pop();
  const group = parts.length === 0 ? null : parts[0].split(".").map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join("");
  const module = group === null ? models[version] : models[group]?.[version];
  return module?.[kind];
}

function check(where, condition, message) {
  if (!condition) problems.push(`${where}: ${message}`);
}

function checkContainers(where, podSpec, { probes }) {
  const pod = podSpec.securityContext ?? {};
  const tmpVolumes = new Set((podSpec.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
  check(where, podSpec.automountServiceAccountToken === false, "automountServiceAccountToken must be false (the app never calls the Kubernetes API)");
  for (const c of podSpec.containers ?? []) {
    const at = `${where} container ${c.name}`;
    const sc = c.securityContext ?? {};
    check(at, (sc.runAsNonRoot ?? pod.runAsNonRoot) === true, "runAsNonRoot must be true");
    check(at, (sc.runAsUser ?? pod.runAsUser ?? 1) !== 0, "runAsUser must not be 0");
    check(at, sc.readOnlyRootFilesystem === true, "readOnlyRootFilesystem must be true");
    check(at, sc.allowPrivilegeEscalation === false, "allowPrivilegeEscalation must be false");
    check(at, (sc.capabilities?.drop ?? []).includes("ALL"), "capabilities must drop ALL");
    check(at, !(sc.capabilities?.add?.length), "no capabilities may be added");
    for (const kind of ["requests", "limits"]) {
      check(at, c.resources?.[kind]?.cpu && c.resources?.[kind]?.memory, `resources.${kind} needs cpu and memory`);
    }
    check(at, (c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp" && tmpVolumes.has(m.name)), "/tmp must be an emptyDir volume (the only writable place)");
    if (probes) {
      check(at, c.readinessProbe?.httpGet?.path === "/health/ready", "readinessProbe must GET /health/ready");
      check(at, c.livenessProbe?.httpGet?.path === "/health/live", "livenessProbe must GET /health/live");
      for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
        const headers = c[probe]?.httpGet?.httpHeaders;
        if (c[probe]) check(at, (headers ?? []).some((h) => h.name === "Host"), `${probe} must send a Host header of AllowedHosts (host filtering applies to probes)`);
      }
    }
  }
}

function checkKubernetes(where, doc) {
  const Model = modelClass(doc.apiVersion, doc.kind);
  if (!Model) {
    problems.push(`${where}: unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
    return;
  }
  try {
    new Model(doc).validate();
  } catch (error) {
    problems.push(`${where}: does not match the Kubernetes schema: ${error.message}`);
    return;
  }
  switch (doc.kind) {
    case "Deployment":
      check(where, (doc.spec.replicas ?? 1) >= 2, "replicas must be at least 2");
      check(where, doc.spec.strategy?.rollingUpdate?.maxUnavailable === 0, "rollingUpdate.maxUnavailable must be 0 (a new pod is ready before an old one goes)");
      checkContainers(where, doc.spec.template.spec, { probes: true });
      break;
    case "Job":
      checkContainers(where, doc.spec.template.spec, { probes: false });
      break;
    case "Ingress":
      check(where, doc.metadata.annotations?.["nginx.ingress.kubernetes.io/affinity"] === "cookie", "needs cookie affinity for the Blazor hub (nginx.ingress.kubernetes.io/affinity: cookie)");
      check(where, (doc.spec.tls ?? []).length > 0, "needs TLS");
      break;
    case "PodDisruptionBudget":
      check(where, Number(doc.spec.minAvailable) >= 1, "minAvailable must be at least 1");
      break;
    default:
      break;
  }
}

function checkCompose(where, doc) {
  const services = doc.services ?? {};
  const apps = Object.entries(services).filter(([, s]) => String(s.image ?? "").includes("oppfolging"));
  // Serving instances run the image's entrypoint as it is; one-shot commands (migrate) have a command.
  const serving = apps.filter(([, s]) => !s.command);
  check(where, serving.length >= 2, "needs at least two app services");
  for (const [name, s] of apps) {
    const at = `${where} service ${name}`;
    check(at, s.read_only === true, "read_only must be true");
    check(at, s.user && !/^(0|root)(:|$)/.test(String(s.user)), "user must be set and not root");
    check(at, (s.tmpfs ?? []).some((t) => String(t).split(":")[0] === "/tmp"), "needs a tmpfs at /tmp");
    check(at, (s.cap_drop ?? []).includes("ALL"), "cap_drop must include ALL");
    if (!s.command) check(at, JSON.stringify(s.healthcheck?.test ?? "").includes("/health/ready"), "healthcheck must ask /health/ready");
  }
  const balancer = Object.entries(services).find(([, s]) => String(s.image ?? "").includes("haproxy"));
  check(where, balancer, "needs an HAProxy service");
  const database = Object.entries(services).find(([, s]) => /postgres|mssql/.test(String(s.image ?? "")));
  check(where, database?.[1]?.healthcheck, "needs a database service with a healthcheck");
}

for (const file of files) {
  let docs;
  try {
    docs = yaml.loadAll(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${file}: not readable YAML: ${error.message}`);
    continue;
  }
  docs.filter((d) => d !== null && d !== undefined).forEach((doc, index) => {
    const shown = relative(process.cwd(), file);
    const where = `${shown.startsWith("..") ? file : shown}#${index + 1}${doc.kind ? ` (${doc.kind} ${doc.metadata?.name ?? ""})` : ""}`;
    checked++;
    if (doc.apiVersion || doc.kind) checkKubernetes(where, doc);
    else if (doc.services) checkCompose(where, doc);
    else problems.push(`${where}: neither a Kubernetes object nor a compose file`);
  });
}

if (checked === 0) problems.push("nothing to validate");
for (const problem of problems) console.error(problem);
console.log(`${checked} documents checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
