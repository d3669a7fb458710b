// JSON for scripts: server strings keep their content, but every character a terminal could act
// on is escaped. JSON.stringify already escapes C0 controls; C1 controls, DEL, bidi controls and
// the JavaScript line separators it leaves raw, so they are escaped here.
const RAW_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    RAW_UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
