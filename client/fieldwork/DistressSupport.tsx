import { useCallback } from "react";
import type { SupportService } from "../../shared/contract/area-settings.ts";
import type { SupportServiceWords } from "../../shared/contract/support-services.ts";
import { fillWords } from "../../shared/fieldwork/participant-words.ts";
import { fetchSupportServices } from "../api/support-services.ts";
import { useResource } from "../api/use-resource.ts";
import { languageAttributes } from "./participant-language.ts";
import { useParticipantWords } from "./use-participant-words.ts";

/**
 * The distress protocol's signposting: the area's own list of local support services (kept on the
 * tablet for offline use), and national lines that are always there, even if the list never loaded.
 *
 * What the researcher is asked to do is in the researcher's language; the list is for the person, so
 * it is in the interview's language (decision 0050): our words from the catalogue, and a service's
 * own words where the coordinator gave a translation, else as the coordinator wrote them (English).
 */
export function DistressSupport({ areaId, language }: { areaId: string; language?: string }) {
  const load = useCallback(() => fetchSupportServices(areaId), [areaId]);
  const [services] = useResource(load);
  const { locale, words } = useParticipantWords(language);
  const own = languageAttributes(locale);
  const translations = services.status === "ready" ? services.data.translations?.[locale] : undefined;
  return (
    <section className="distress" aria-labelledby="distress-heading">
      <h2 id="distress-heading">Support to offer now</h2>
      <p>
        <strong>If anyone is in immediate danger, call 999.</strong> Check the person is all right before you
        part. Offer these services, and write a number down for them if they would like it.
      </p>
      {services.status === "ready" && services.data.services.length === 0 && (
        <p>Your area has not listed local services yet. Ask your coordinator to add them.</p>
      )}
      {services.status === "error" && (
        <p>The area's list of local services is not on this tablet yet. Use the national lines below.</p>
      )}
      <div className="distress__for-participant" lang={own.lang} dir={own.dir}>
        {locale !== "en" && (
          <p>
            <strong>{words.emergency}</strong>
          </p>
        )}
        {services.status === "ready" && services.data.services.length > 0 && (
          <>
            <h3>{fillWords(words.servicesIn, { area: services.data.areaName })}</h3>
            <ul className="services">
              {services.data.services.map((service) => (
                <li key={`${service.name}:${service.phone ?? ""}`} className="services__item">
                  <Service service={service} translated={translations?.[service.name]} words={words} />
                </li>
              ))}
            </ul>
          </>
        )}
        <h3>{words.anywhere}</h3>
        <ul className="services">
          <li className="services__item">
            <p className="services__name">Samaritans</p>
            <p>
              {words.phone} <a href="tel:116123">116 123</a>
              {words.comma}
              {words.freeDayOrNight}
            </p>
          </li>
          <li className="services__item">
            <p className="services__name">{words.nhs111}</p>
            <p>
              {words.phone} <a href="tel:111">111</a>
              {words.comma}
              {words.dayOrNight}
            </p>
          </li>
          <li className="services__item">
            <p className="services__name">{words.shoutName}</p>
            <p>{words.shoutText}</p>
          </li>
        </ul>
      </div>
    </section>
  );
}

/** One service: the coordinator's translation where there is one, else their words, marked English. */
function Service({
  service,
  translated,
  words,
}: {
  service: SupportService;
  translated: SupportServiceWords | undefined;
  words: { phone: string; open: string; where: string };
}) {
  // A field with no translation is shown as the coordinator wrote it, and marked as English.
  const english = (field: keyof SupportServiceWords) => (translated?.[field] ? undefined : "en");
  const hours = translated?.hours ?? service.hours;
  const address = translated?.address ?? service.address;
  const notes = translated?.notes ?? service.notes;
  return (
    <>
      <p className="services__name" lang={english("name")}>
        {translated?.name ?? service.name}
      </p>
      {service.phone && (
        <p>
          {words.phone} <a href={`tel:${service.phone.replace(/[^\d+]/g, "")}`}>{service.phone}</a>
        </p>
      )}
      {hours && (
        <p>
          {words.open} <span lang={english("hours")}>{hours}</span>
        </p>
      )}
      {address && (
        <p>
          {words.where} <span lang={english("address")}>{address}</span>
        </p>
      )}
      {notes && (
        <p className="muted" lang={english("notes")}>
          {notes}
        </p>
      )}
    </>
  );
}
