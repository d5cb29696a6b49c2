import { useCallback, useState } from "react";
import type { SupportServicesResponse, SupportServiceWords } from "../../shared/contract/index.ts";
import { supportServicesApi } from "../../shared/contract/support-services.routes.ts";
import { isRightToLeft, languageName, localesIn } from "../../shared/survey/locales.ts";
import { ApiError } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { fetchSupportServices } from "../api/support-services.ts";
import { fetchSurveyVersion, listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Form } from "../ui/Form.tsx";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

/**
 * The area's support services in the other languages its surveys are offered in (issue 18, decisions
 * 0050 and 0057): the coordinator writes each service's words beside the English, one language at a
 * time. The tablet shows the participant the services in the language of their interview; a box left
 * empty shows the English words, and phone numbers are the same in every language.
 */

type Field = keyof SupportServiceWords;
const fields: { key: Field; label: string; max: number }[] = [
  { key: "name", label: "Name", max: 120 },
  { key: "hours", label: "Opening hours", max: 200 },
  { key: "address", label: "Address", max: 300 },
  { key: "notes", label: "Notes", max: 500 },
];
type Drafts = Record<string, Record<string, Partial<Record<Field, string>>>>;

/** The languages the published surveys offer, other than plain English, and any already given. */
async function loadLanguagesAndServices(areaId: string) {
  const [services, surveys] = await Promise.all([fetchSupportServices(areaId), listPublishedSurveys()]);
  const versions = await Promise.all(surveys.map((s) => fetchSurveyVersion(s.id, s.version)));
  const found = new Set(versions.flatMap((v) => localesIn(v.definition)));
  for (const locale of Object.keys(services.translations ?? {})) found.add(locale);
  found.delete("en");
  return {
    services,
    languages: [...found].sort((a, b) => languageName(a, "en").localeCompare(languageName(b, "en"))),
  };
}

const label = (locale: string) => {
  const own = languageName(locale);
  const english = languageName(locale, "en");
  return own === english ? english : `${english} (${own})`;
};

export function SupportTranslationsForm({ areaId }: { areaId: string }) {
  const load = useCallback(() => loadLanguagesAndServices(areaId), [areaId]);
  const [data] = useResource(load);
  return (
    <section className="panel support-translations" aria-labelledby="support-translations-heading">
      <h3 id="support-translations-heading">Support services in other languages</h3>
      <p className="hint">
        When an interview stops, the tablet shows the participant these services in the language of their
        interview. Write each one’s words beside the English. A box left empty shows the English words. Phone
        numbers stay as they are.
      </p>
      {data.status === "loading" && <Loading what="the support services and languages" />}
      {data.status === "error" && (
        <ErrorAlert heading="The support services did not load" error={data.error} />
      )}
      {data.status === "ready" && data.data.services.services.length === 0 && (
        <p>No services listed yet. Add them above and save, then give their words here.</p>
      )}
      {data.status === "ready" &&
        data.data.services.services.length > 0 &&
        data.data.languages.length === 0 && (
          <p>None of the published surveys is offered in another language yet.</p>
        )}
      {data.status === "ready" &&
        data.data.services.services.length > 0 &&
        data.data.languages.length > 0 && (
          <TranslationsEditor areaId={areaId} initial={data.data.services} languages={data.data.languages} />
        )}
    </section>
  );
}

function draftsFrom(response: SupportServicesResponse): Drafts {
  const drafts: Drafts = {};
  for (const [locale, byName] of Object.entries(response.translations ?? {})) {
    drafts[locale] = Object.fromEntries(Object.entries(byName).map(([name, words]) => [name, { ...words }]));
  }
  return drafts;
}

const errorKey = (service: string, field: Field) => `${service}\u0000${field}`;

function TranslationsEditor({
  areaId,
  initial,
  languages,
}: {
  areaId: string;
  initial: SupportServicesResponse;
  languages: string[];
}) {
  const announce = useAnnounce();
  const [locale, setLocale] = useState(languages[0] ?? "");
  const [drafts, setDrafts] = useState<Drafts>(() => draftsFrom(initial));
  const services = initial.services;
  const current = drafts[locale] ?? {};
  const name = languageName(locale, "en");
  const dir = isRightToLeft(locale) ? "rtl" : "ltr";
  const lang = locale === "en-easy" ? "en" : locale;

  const words = (): Record<string, SupportServiceWords> => {
    const out: Record<string, SupportServiceWords> = {};
    for (const service of services) {
      const given: SupportServiceWords = {};
      for (const { key } of fields) {
        const value = current[service.name]?.[key]?.trim();
        if (value) given[key] = value;
      }
      if (Object.keys(given).length > 0) out[service.name] = given;
    }
    return out;
  };

  const form = useSubmit({
    check: () => {
      const found: Record<string, string> = {};
      for (const service of services)
        for (const { key, label: what, max } of fields) {
          const value = current[service.name]?.[key]?.trim() ?? "";
          if (value.length > max)
            found[errorKey(service.name, key)] = `${what}: at most ${max} characters (now ${value.length}).`;
        }
      return found;
    },
    run: async () => {
      const saved = await call(supportServicesApi.translate, {
        params: { id: areaId, locale },
        body: { services: words() },
      });
      setDrafts((all) => ({ ...all, [locale]: draftsFrom(saved)[locale] ?? {} }));
      announce(`The support services in ${name} are saved.`);
    },
    fieldErrors: (failure) => {
      const found: Record<string, string> = {};
      if (!(failure instanceof ApiError)) return found;
      for (const issue of failure.problem.issues ?? []) {
        const [, service, field] = issue.path;
        if (typeof service !== "string") continue;
        const key = errorKey(service, typeof field === "string" ? (field as Field) : "name");
        found[key] ??= issue.message;
      }
      return found;
    },
  });

  const edit = (service: string, key: Field, value: string) =>
    setDrafts((all) => ({
      ...all,
      [locale]: { ...all[locale], [service]: { ...all[locale]?.[service], [key]: value } },
    }));

  return (
    <Form
      submit={form}
      aria-label={`The support services in ${name}`}
      failureHeading={`The support services in ${name} were not saved`}
    >
      <SelectField
        label="Language"
        hint="The languages your area’s surveys are offered in."
        value={locale}
        onChange={(e) => {
          setLocale(e.target.value);
          form.setErrors({});
        }}
        options={languages.map((l) => ({ value: l, label: label(l) }))}
      />
      {services.map((service, index) => (
        <fieldset key={service.name} className="service-entry translation-entry">
          <legend>
            Service {index + 1}: {service.name}
          </legend>
          {fields
            .filter(({ key }) => key === "name" || service[key])
            .map(({ key, label: what }) => (
              <div key={key} className="translation-row">
                <p className="translation-source">
                  <span className="translation-what">{what} in English</span>
                  <span lang="en">{service[key]}</span>
                </p>
                <TextField
                  label={`${what} in ${name}`}
                  value={current[service.name]?.[key] ?? ""}
                  onChange={(e) => edit(service.name, key, e.target.value)}
                  error={form.errors[errorKey(service.name, key)]}
                  lang={lang}
                  dir={dir}
                />
              </div>
            ))}
          {service.phone && (
            <p className="hint">
              Phone: <span className="nowrap">{service.phone}</span> (the same in every language)
            </p>
          )}
        </fieldset>
      ))}
      <button type="submit" className="button" disabled={form.busy}>
        Save the words in {name}
      </button>
    </Form>
  );
}
