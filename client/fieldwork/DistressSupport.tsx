import { useCallback } from "react";
import { fetchSupportServices } from "../api/support-services.ts";
import { useResource } from "../api/use-resource.ts";

/**
 * The distress protocol's signposting: the area's own list of local support services (kept on the
 * tablet for offline use), and national lines that are always there, even if the list never loaded.
 */
export function DistressSupport({ areaId }: { areaId: string }) {
  const load = useCallback(() => fetchSupportServices(areaId), [areaId]);
  const [services] = useResource(load);
  return (
    <section className="distress" aria-labelledby="distress-heading">
      <h2 id="distress-heading">Support to offer now</h2>
      <p>
        <strong>If anyone is in immediate danger, call 999.</strong> Check the person is all right before you
        part. Offer these services, and write a number down for them if they would like it.
      </p>
      {services.status === "ready" && services.data.services.length > 0 && (
        <>
          <h3>In {services.data.areaName}</h3>
          <ul className="services">
            {services.data.services.map((service) => (
              <li key={`${service.name}:${service.phone ?? ""}`} className="services__item">
                <p className="services__name">{service.name}</p>
                {service.phone && (
                  <p>
                    Phone: <a href={`tel:${service.phone.replace(/[^\d+]/g, "")}`}>{service.phone}</a>
                  </p>
                )}
                {service.hours && <p>Open: {service.hours}</p>}
                {service.address && <p>Where: {service.address}</p>}
                {service.notes && <p className="muted">{service.notes}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {services.status === "ready" && services.data.services.length === 0 && (
        <p>Your area has not listed local services yet. Ask your coordinator to add them.</p>
      )}
      {services.status === "error" && (
        <p>The area's list of local services is not on this tablet yet. Use the national lines below.</p>
      )}
      <h3>Anywhere in England</h3>
      <ul className="services">
        <li className="services__item">
          <p className="services__name">Samaritans</p>
          <p>
            Phone: <a href="tel:116123">116 123</a>, free, day or night
          </p>
        </li>
        <li className="services__item">
          <p className="services__name">NHS 111 (press 2 for mental health crisis support)</p>
          <p>
            Phone: <a href="tel:111">111</a>, day or night
          </p>
        </li>
        <li className="services__item">
          <p className="services__name">Shout: text support</p>
          <p>Text SHOUT to 85258, free, day or night</p>
        </li>
      </ul>
    </section>
  );
}
