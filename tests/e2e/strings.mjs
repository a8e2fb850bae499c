// The page's strings in both languages, as the tests compare against them: www/i18n/<lang>.js.
import en from '../../www/i18n/en.js';
import de from '../../www/i18n/de.js';

export const STRINGS = { en, de };
