import type { Problem } from "../../shared/contract/problems.ts";
import { translationsApi } from "../../shared/contract/translations.routes.ts";
import type {
  SaveTranslationsRequest,
  TranslationsImportReport,
} from "../../shared/contract/translations.ts";
import { ApiError, NetworkError } from "./api-error.ts";
import { call } from "./call.ts";
import { routeUrl } from "./route-url.ts";

/** Translation in the editor (issue 18; shared/contract/translations.routes.ts). */

export const fetchTranslations = (id: string) => call(translationsApi.view, { params: { id } });

export const saveTranslations = (id: string, locale: string, body: SaveTranslationsRequest) =>
  call(translationsApi.save, { params: { id, locale }, body });

export const addLanguage = (id: string, locale: string) =>
  call(translationsApi.addLanguage, { params: { id }, body: { locale } });

export const setOffered = (id: string, locale: string, offered: boolean) =>
  call(translationsApi.setOffered, { params: { id, locale }, body: { offered } });

export const signOffLanguage = (id: string, locale: string, note: string) =>
  call(translationsApi.signOff, { params: { id, locale }, body: { note } });

export const setMyLanguages = (locales: string[]) =>
  call(translationsApi.setMyLanguages, { body: { locales } });

export const fetchPictures = (id: string) => call(translationsApi.pictures, { params: { id } });

export const savePicture = (
  id: string,
  body: {
    revision: number;
    question: string;
    choice?: string;
    picture: { dataUrl: string; alt: string } | null;
  },
) => call(translationsApi.setPicture, { params: { id }, body });

export const translationsCsvUrl = (id: string) => routeUrl(translationsApi.csv, { params: { id } });

export async function importTranslationsCsv(
  id: string,
  revision: number,
  csv: string,
  preview: boolean,
): Promise<TranslationsImportReport> {
  let response: Response;
  try {
    response = await fetch(
      routeUrl(translationsApi.importCsv, {
        params: { id },
        query: { revision: String(revision), preview: preview ? "1" : undefined },
      }),
      {
        method: "POST",
        credentials: "same-origin",
        headers: { accept: "application/json", "content-type": "text/csv; charset=utf-8" },
        body: csv,
      },
    );
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(
      problem ?? {
        type: "about:blank",
        title: "The file could not be read.",
        status: response.status,
        code: "invalid_body",
      },
    );
  }
  return (await response.json()) as TranslationsImportReport;
}
