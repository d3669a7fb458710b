// Semantic colours: components name what a thing is (error, muted, accent), never a raw colour.
import { createContext, useContext } from 'react';

export type Tone = 'accent' | 'success' | 'error' | 'warning' | 'info' | 'muted' | 'selected';

export interface Theme {
  color(tone: Tone): string | undefined;
  /** Whether selection may use inverse video; without colour the pointer alone shows it. */
  colors: boolean;
}

const PALETTE: Record<Tone, string> = {
  accent: 'cyan',
  success: 'green',
  error: 'red',
  warning: 'yellow',
  info: 'blue',
  muted: 'gray',
  selected: 'cyan',
};

export function createTheme(colors: boolean): Theme {
  return { colors, color: (tone) => (colors ? PALETTE[tone] : undefined) };
}

/** NO_COLOR (any non-empty value) or TERM=dumb turns colour off; chalk alone ignores NO_COLOR. */
export function colorsWanted(env: NodeJS.ProcessEnv): boolean {
  return !env.NO_COLOR && env.TERM !== 'dumb';
}

export const ThemeContext = createContext<Theme>(createTheme(true));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** The tone of an invitation status badge. */
export function statusTone(status: string | undefined): Tone {
  switch (status) {
    case 'pending':
      return 'warning';
    case 'accepted':
      return 'success';
    case 'rejected':
    case 'expired':
      return 'muted';
    default:
      return 'info';
  }
}
