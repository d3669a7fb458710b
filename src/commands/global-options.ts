/** Options every API command takes. */
export const GLOBAL_OPTIONS = {
  'api-url': { type: 'string' },
  org: { type: 'string' },
  profile: { type: 'string' },
  demo: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;
