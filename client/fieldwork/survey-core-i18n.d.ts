// survey-core ships its language packs (survey-core/i18n/<language>) without type declarations; each
// registers its strings with survey-core when imported, and nothing of it is used by name.
declare module "survey-core/i18n/*";
