/**
 * The packaged stack template, made comparable: osls writes a timestamped S3 key per artifact, which is reduced to
 * the artifact's file name.
 */
import { readPackagedTemplate } from "../../scripts/package-artifacts.ts";
import type { Template } from "./template-references.ts";

export function normalizedPackagedTemplate(root: string): Template {
  return stripArtifactKeys(readPackagedTemplate(root)) as unknown as Template;
}

function stripArtifactKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripArtifactKeys);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([k, v]) => [
      k,
      k === "S3Key" && typeof v === "string" ? v.slice(v.lastIndexOf("/") + 1) : stripArtifactKeys(v),
    ]),
  );
}
