// The few exports of React's own scheduler that the key stream uses (the package ships no types).
declare module 'scheduler' {
  export const unstable_IdlePriority: 5;
  export function unstable_scheduleCallback(priority: 5, callback: () => void): unknown;
}
