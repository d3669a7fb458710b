// Reading docs/openapi.yaml in tests: its lint problems, and the examples it promises, so the
// tests expect what the document says rather than a copy of it.
import { bundle, createConfig, lint } from '@redocly/openapi-core';
import { OPENAPI_DOCUMENT } from './prism.js';

/** Redocly's strictest ruleset; the only rule off is the one against example.com, API.md's own base URL. */
async function lintConfig() {
  return createConfig({ extends: ['recommended-strict'], rules: { 'no-server-example.com': 'off' } });
}

/** Every problem Redocly finds (structure, references, examples that break their schema), as lines. */
export async function lintProblems(): Promise<string[]> {
  const problems = await lint({ ref: OPENAPI_DOCUMENT, config: await lintConfig() });
  return problems.map(
    (problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`,
  );
}

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

interface Operation {
  'x-assumed'?: boolean;
  responses: Record<string, { content?: Record<string, MediaType>; headers?: Record<string, { example?: unknown }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** The document with every $ref replaced by what it points to. */
export async function loadDocument(): Promise<OpenApiDocument> {
  const result = await bundle({ ref: OPENAPI_DOCUMENT, config: await lintConfig(), dereference: true });
  return result.bundle.parsed as OpenApiDocument;
}

/** The JSON example of one answer: `example`, else the named (or first) of `examples`. */
export function exampleOf(
  document: OpenApiDocument,
  path: string,
  method: string,
  status: string,
  name?: string,
): unknown {
  const media = document.paths[path]?.[method]?.responses[status]?.content?.['application/json'];
  if (!media) throw new Error(`the document has no JSON answer ${status} for ${method.toUpperCase()} ${path}`);
  if (name === undefined && media.example !== undefined) return media.example;
  const examples = media.examples ?? {};
  const chosen = name === undefined ? Object.values(examples)[0] : examples[name];
  if (!chosen) throw new Error(`no example ${name ?? ''} for ${status} of ${method.toUpperCase()} ${path}`);
  return chosen.value;
}
