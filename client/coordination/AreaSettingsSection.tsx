import { useCallback, useEffect, useState } from "react";
import { devicesApi } from "../../shared/contract/devices.routes.ts";
import type { AreaSettings, AreaTarget, Me, SupportService } from "../../shared/contract/index.ts";
import { MAX_SUPPORT_SERVICES } from "../../shared/contract/index.ts";
import { waveLabel } from "../../shared/follow-ups/wave-label.ts";
import { call } from "../api/call.ts";
import { getAreaSettings, setAreaTargets, updateAreaSettings } from "../api/coordination.ts";
import { listPublishedSurveys } from "../api/surveys.ts";
import { useResource } from "../api/use-resource.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { ErrorAlert } from "../ui/ErrorAlert.tsx";
import { Form } from "../ui/Form.tsx";
import { Loading } from "../ui/Loading.tsx";
import { SelectField } from "../ui/SelectField.tsx";
import { TextAreaField } from "../ui/TextAreaField.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";
import { waveOptions } from "../ui/wave-options.ts";
import { SupportTranslationsForm } from "./SupportTranslationsForm.tsx";
import { useAreaChoice } from "./use-area-choice.tsx";

/** An area's name and region, support services, safeguarding lead, reward policy, and targets. */
export function AreaSettingsSection({ me }: { me: Me }) {
  const { areaId, picker } = useAreaChoice(me);
  const load = useCallback(() => (areaId ? getAreaSettings(areaId) : new Promise<never>(() => {})), [areaId]);
  const [settings, reload] = useResource(load);
  return (
    <>
      {picker}
      {settings.status === "loading" && <Loading what="the area's settings" />}
      {settings.status === "error" && (
        <ErrorAlert heading="The area's settings did not load" error={settings.error} />
      )}
      {settings.status === "ready" && (
        <>
          <SettingsForm key={settings.data.id} settings={settings.data} onSaved={reload} />
          <SupportTranslationsForm
            key={`${settings.data.id}-translations-${settings.data.supportServices.map((s) => s.name).join("\n")}`}
            areaId={settings.data.id}
          />
          <UploadRuleForm key={`${settings.data.id}-uploads`} areaId={settings.data.id} />
          <TargetsForm key={`${settings.data.id}-targets`} settings={settings.data} onSaved={reload} />
        </>
      )}
    </>
  );
}

type ServiceDraft = Required<{ [K in keyof SupportService]: string }>;
const blankService: ServiceDraft = { name: "", phone: "", hours: "", address: "", notes: "" };

function SettingsForm({ settings, onSaved }: { settings: AreaSettings; onSaved: () => void }) {
  const announce = useAnnounce();
  const [name, setName] = useState(settings.name);
  const [region, setRegion] = useState(settings.region);
  const [services, setServices] = useState<ServiceDraft[]>(
    settings.supportServices.map((s) => ({
      name: s.name,
      phone: s.phone ?? "",
      hours: s.hours ?? "",
      address: s.address ?? "",
      notes: s.notes ?? "",
    })),
  );
  const [leadId, setLeadId] = useState(settings.safeguardingLeadId ?? "");
  const [pounds, setPounds] = useState(
    settings.rewardPencePerHour === null ? "" : (settings.rewardPencePerHour / 100).toFixed(2),
  );
  const [note, setNote] = useState(settings.rewardPolicyNote);
  const rate = pounds.trim() === "" ? null : Math.round(Number(pounds.replace(/^£/, "")) * 100);
  const form = useSubmit({
    check: () => {
      const found: Record<string, string> = {};
      if (name.trim() === "") found.name = "Enter the area's name.";
      if (region.trim() === "") found.region = "Enter the region.";
      if (rate !== null && (!Number.isFinite(rate) || rate < 0))
        found.reward = "Enter an amount in pounds, like 12.50.";
      services.forEach((s, i) => {
        if (s.name.trim() === "") found[`service-${i}`] = "Give the service's name, or remove it.";
      });
      return found;
    },
    run: async () => {
      await updateAreaSettings(settings.id, {
        name,
        region,
        supportServices: services,
        safeguardingLeadId: leadId === "" ? null : leadId,
        rewardPencePerHour: rate,
        rewardPolicyNote: note,
      });
      announce(`Settings for ${name} saved.`);
      onSaved();
    },
  });
  const { errors } = form;

  const editService = (index: number, change: Partial<ServiceDraft>) =>
    setServices((list) => list.map((s, i) => (i === index ? { ...s, ...change } : s)));

  return (
    <Form
      submit={form}
      aria-labelledby="area-settings-heading"
      heading={<h2 id="area-settings-heading">{settings.name}</h2>}
      failureHeading="The settings were not saved"
    >
      <TextField
        label="Area name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
      />
      <TextField
        label="Region"
        value={region}
        onChange={(e) => setRegion(e.target.value)}
        error={errors.region}
      />

      <h3>Safeguarding lead</h3>
      <SelectField
        label="Named safeguarding lead"
        hint="Sees the area's new safeguarding concerns first."
        value={leadId}
        onChange={(e) => setLeadId(e.target.value)}
        error={errors.safeguardingLeadId}
        options={[
          { value: "", label: "Nobody named yet" },
          ...settings.leadOptions.map((o) => ({ value: o.id, label: o.displayName })),
        ]}
      />

      <h3>Local support services</h3>
      <p className="hint">
        Shown on the tablet when an interview stops, so the researcher can signpost the participant to help
        nearby.
      </p>
      {services.length === 0 && <p>No services listed yet.</p>}
      {services.map((service, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; their position is their identity while editing.
        <fieldset key={index} className="service-entry">
          <legend>Service {index + 1}</legend>
          <TextField
            label="Name"
            value={service.name}
            onChange={(e) => editService(index, { name: e.target.value })}
            error={errors[`service-${index}`]}
          />
          <TextField
            label="Phone"
            type="tel"
            value={service.phone}
            onChange={(e) => editService(index, { phone: e.target.value })}
          />
          <TextField
            label="Opening hours"
            value={service.hours}
            onChange={(e) => editService(index, { hours: e.target.value })}
          />
          <TextField
            label="Address"
            value={service.address}
            onChange={(e) => editService(index, { address: e.target.value })}
          />
          <TextField
            label="Notes"
            value={service.notes}
            onChange={(e) => editService(index, { notes: e.target.value })}
          />
          <button
            type="button"
            className="button button--quiet"
            onClick={() => setServices((list) => list.filter((_, i) => i !== index))}
          >
            Remove service {index + 1}
          </button>
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          className="button button--secondary"
          disabled={services.length >= MAX_SUPPORT_SERVICES}
          onClick={() => setServices((list) => [...list, { ...blankService }])}
        >
          Add a service
        </button>
      </p>

      <h3>Reward policy</h3>
      <TextField
        label="Reward per hour, in pounds"
        hint="What experts and researchers are thanked with for an hour of their time. Leave empty until agreed."
        inputMode="decimal"
        className="input input--short"
        value={pounds}
        onChange={(e) => setPounds(e.target.value)}
        error={errors.reward ?? errors.rewardPencePerHour}
      />
      <TextAreaField
        label="The policy in words"
        hint="As agreed with the area's experts: what counts as time given, travel, how often people are paid."
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={errors.rewardPolicyNote}
      />
      <button type="submit" className="button" disabled={form.busy}>
        Save settings
      </button>
    </Form>
  );
}

interface TargetDraft {
  surveyId: string;
  wave: string;
  target: string;
}

/** The targets the rows say, and what is wrong with each row (two targets for one survey and wave). */
function checkTargets(rows: TargetDraft[]): { found: Record<string, string>; targets: AreaTarget[] } {
  const found: Record<string, string> = {};
  const targets: AreaTarget[] = [];
  rows.forEach((r, i) => {
    const wave = Number(r.wave);
    const target = Number(r.target);
    if (r.wave.trim() === "" || !Number.isInteger(wave) || wave < 0 || wave > 100)
      found[`wave-${i}`] = "Enter a wave from 0 (the first interview) to 100.";
    if (r.target.trim() === "" || !Number.isInteger(target) || target < 0)
      found[`target-${i}`] = "Enter a whole number of interviews.";
    targets.push({ surveyId: r.surveyId, wave, target });
  });
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const key = `${r.surveyId}@${Number(r.wave)}`;
    if (seen.has(key)) found[`wave-${i}`] = "This survey already has a target for this wave.";
    seen.add(key);
  });
  return { found, targets };
}

function TargetsForm({ settings, onSaved }: { settings: AreaSettings; onSaved: () => void }) {
  const announce = useAnnounce();
  const [surveys] = useResource(listPublishedSurveys);
  const [rows, setRows] = useState<TargetDraft[]>(
    settings.targets.map((t) => ({ surveyId: t.surveyId, wave: String(t.wave), target: String(t.target) })),
  );
  const form = useSubmit({
    check: () => checkTargets(rows).found,
    run: async () => {
      await setAreaTargets(settings.id, checkTargets(rows).targets);
      announce("Targets saved.");
      onSaved();
    },
  });
  const { errors } = form;
  const surveyOptions =
    surveys.status === "ready" ? surveys.data.map((s) => ({ value: s.id, label: s.title })) : [];
  const firstSurvey = surveyOptions[0]?.value ?? "";

  useEffect(() => {
    // A row added before the surveys loaded gets the first survey once they have.
    if (firstSurvey) setRows((list) => list.map((r) => (r.surveyId ? r : { ...r, surveyId: firstSurvey })));
  }, [firstSurvey]);

  const waves = waveOptions(Math.max(12, ...rows.map((r) => Number(r.wave)).filter(Number.isInteger)));

  const edit = (index: number, change: Partial<TargetDraft>) =>
    setRows((list) => list.map((r, i) => (i === index ? { ...r, ...change } : r)));

  return (
    <Form
      submit={form}
      aria-labelledby="targets-heading"
      className="panel"
      heading={
        <>
          <h3 id="targets-heading">Targets per survey and wave</h3>
          <p className="hint">
            How many interviews the area aims for, at the first interview and at each follow-up.
          </p>
        </>
      }
      failureHeading="The targets were not saved"
    >
      {rows.length === 0 && <p>No targets yet.</p>}
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id while they are being edited.
        <fieldset key={index} className="service-entry">
          <legend>
            Target {index + 1}
            {row.wave.trim() !== "" && Number.isInteger(Number(row.wave))
              ? `: ${waveLabel(Number(row.wave))}`
              : ""}
          </legend>
          <div className="inline-form">
            <SelectField
              label="Survey"
              value={row.surveyId}
              onChange={(e) => edit(index, { surveyId: e.target.value })}
              options={surveyOptions}
            />
            <SelectField
              label="Wave"
              value={row.wave}
              onChange={(e) => edit(index, { wave: e.target.value })}
              options={waves}
              error={errors[`wave-${index}`]}
            />
            <TextField
              label="Interviews"
              inputMode="numeric"
              className="input input--short"
              value={row.target}
              onChange={(e) => edit(index, { target: e.target.value })}
              error={errors[`target-${index}`]}
            />
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setRows((list) => list.filter((_, i) => i !== index))}
            >
              Remove target {index + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setRows((list) => [...list, { surveyId: firstSurvey, wave: "0", target: "" }])}
        >
          Add a target
        </button>
        <button type="submit" className="button" disabled={form.busy}>
          Save targets
        </button>
      </div>
    </Form>
  );
}

/**
 * The area's rule "only enrolled tablets may upload" (decision 0025). On: interviews for the area are
 * stored only when they come from a tablet enrolled for it, so the data manager can always tell which
 * tablet collected what. Off: a researcher never given a tablet may also upload from a browser.
 */
function UploadRuleForm({ areaId }: { areaId: string }) {
  const announce = useAnnounce();
  const load = useCallback(() => call(devicesApi.uploadRule, { params: { areaId } }), [areaId]);
  const [rule] = useResource(load);
  const [choice, setChoice] = useState<boolean | null>(null);
  const form = useSubmit({
    run: async () => {
      const saved = await call(devicesApi.setUploadRule, {
        params: { areaId },
        body: { enrolledTabletsOnly: checked },
      });
      setChoice(saved.enrolledTabletsOnly);
      announce(
        saved.enrolledTabletsOnly
          ? "Saved: only enrolled tablets can upload interviews for this area."
          : "Saved: interviews for this area can also be uploaded from a browser.",
      );
    },
  });
  if (rule.status === "loading") return <Loading what="the upload rule" />;
  if (rule.status === "error")
    return <ErrorAlert heading="The upload rule did not load" error={rule.error} />;
  const checked = choice ?? rule.data.enrolledTabletsOnly;

  return (
    <Form
      submit={form}
      aria-labelledby="upload-rule-heading"
      className="panel"
      heading={<h3 id="upload-rule-heading">Where interviews can be uploaded from</h3>}
      failureHeading="The upload rule was not saved"
    >
      <div className="field">
        <label className="choice">
          <input type="checkbox" checked={checked} onChange={(e) => setChoice(e.target.checked)} />
          <span>Only tablets enrolled for this area can upload interviews</span>
        </label>
        <p className="hint">
          Recommended. Then you always know which tablet each interview came from, and if a tablet is lost the
          data manager can list what was collected on it. When this is off, a researcher who was never given a
          tablet can also upload from a web browser.
        </p>
      </div>
      <button type="submit" className="button" disabled={form.busy}>
        Save upload rule
      </button>
    </Form>
  );
}
