import { useState } from "react";
import { areasApi } from "../../shared/contract/areas.routes.ts";
import { ApiError, issuesByField } from "../api/api-error.ts";
import { call } from "../api/call.ts";
import { useAnnounce } from "../ui/announcer.tsx";
import { Form } from "../ui/Form.tsx";
import { TextField } from "../ui/TextField.tsx";
import { useSubmit } from "../ui/use-submit.ts";

type AreaErrors = Partial<Record<"id" | "name" | "region", string>>;

/** The server's limits (shared/contract/areas.schema.ts), checked here so they read as words. */
const MAX_ID = 64;
const MAX_TEXT = 120;

const tooLong = (value: string, limit: number) =>
  `Use ${limit} characters or fewer (this has ${value.length}).`;

function checkArea(id: string, name: string, region: string): AreaErrors {
  const errors: AreaErrors = {};
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    errors.id = "Use lower-case letters, digits and hyphens, starting with a letter or digit.";
  else if (id.length > MAX_ID) errors.id = tooLong(id, MAX_ID);
  if (name.trim() === "") errors.name = "Enter the area's name.";
  else if (name.trim().length > MAX_TEXT) errors.name = tooLong(name.trim(), MAX_TEXT);
  if (region.trim() === "") errors.region = "Enter the region.";
  else if (region.trim().length > MAX_TEXT) errors.region = tooLong(region.trim(), MAX_TEXT);
  return errors;
}

export function CreateAreaForm({ onCreated }: { onCreated: () => void }) {
  const announce = useAnnounce();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [region, setRegion] = useState("");
  const form = useSubmit<AreaErrors>({
    check: () => checkArea(id, name, region),
    run: async () => {
      const area = await call(areasApi.create, { body: { id, name: name.trim(), region: region.trim() } });
      setId("");
      setName("");
      setRegion("");
      announce(`Area ${area.name} added.`);
      onCreated();
    },
    fieldErrors: (error) => {
      const fields: AreaErrors = issuesByField(error);
      if (error instanceof ApiError && error.code === "area_exists")
        fields.id = "Another area already has this short name. Choose a different one.";
      return fields;
    },
  });
  const { errors } = form;

  return (
    <Form
      submit={form}
      className="panel"
      aria-labelledby="add-area-heading"
      heading={<h3 id="add-area-heading">Add an area</h3>}
      failureHeading="The area was not added"
    >
      <TextField
        label="Short name for links"
        hint="Used in links and exports: lower-case letters, digits and hyphens, like leeds or south-tyneside."
        value={id}
        onChange={(event) => setId(event.target.value)}
        error={errors.id}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        label="Area name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
      />
      <TextField
        label="Region"
        value={region}
        onChange={(event) => setRegion(event.target.value)}
        error={errors.region}
      />
      <button type="submit" className="button" disabled={form.busy}>
        Add area
      </button>
    </Form>
  );
}
