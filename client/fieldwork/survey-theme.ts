import { BaseTheme, createBoxShadowReset, type Model } from "survey-core";

/**
 * SurveyJS 3 puts its theme variables in an inline `<style>` element, which a strict
 * Content-Security-Policy (no 'unsafe-inline' styles) blocks. Instead we turn that off and hand the
 * same variables to the survey root as CSS custom properties, which React sets through the CSSOM,
 * and which CSP allows. Fonts are the system's own: nothing is fetched from a font host.
 */
const systemFonts = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * SurveyJS's teal (#19B394) carries white text at 2.6:1 and its translucent grey secondary text
 * falls to 4.4:1 on its grey controls; both fail WCAG AA. Our accent and solid greys pass, and
 * the survey sits on our own calm grey instead of a teal wash.
 */
const accessibleColours = {
  "--sjs2-color-project-brand-600": "#1a4f8b",
  "--sjs2-color-fg-basic-secondary": "#4f565e",
  "--sjs2-color-fg-basic-tertiary": "#5c636b",
  "--sjs2-color-utility-surface-survey": "#f5f6f7",
  // Control outlines (radio circles, text boxes) need 3:1 against their background (WCAG 1.4.11).
  "--sjs2-color-border-basic-secondary": "#767d85",
};

/** The four shadows SurveyJS animates from a "reset" (zero-size) copy of themselves. */
const shadowVariables = [
  "--sjs2-border-effect-surface-default",
  "--sjs2-border-effect-surface-focused",
  "--sjs2-border-effect-component-formbox-default",
  "--sjs2-border-effect-component-formbox-focused",
];

export function applySurveyTheme(model: Model): void {
  const variables = {
    ...BaseTheme.cssVariables,
    ...accessibleColours,
    "--sjs2-typography-font-family-text": systemFonts,
  };
  model.generateStylesheet = false;
  model.applyTheme({ cssVariables: variables });
  model.onAfterRenderSurvey.add((_, { htmlElement }) => {
    const computed = getComputedStyle(htmlElement);
    const resets: Record<string, string> = {};
    for (const name of shadowVariables) {
      const value = computed.getPropertyValue(name).trim();
      if (value) resets[`${name}-reset`] = createBoxShadowReset(value);
    }
    model.applyTheme({ cssVariables: { ...variables, ...resets } });
  });
}
