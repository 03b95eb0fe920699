//! The browser calls behind share and keep: the address's fragment, the
//! draft in localStorage, the clipboard and downloads.
//!
//! Nothing here panics: failures come back as values or messages. The
//! functions that run while the first state is built or while a component
//! renders (`hash`, `page_url`, `load_draft`, `opening`) do nothing natively
//! (unit tests, SSR); the rest are called from event handlers and effects
//! only, which never run natively. This module keeps no state and decides
//! nothing: what to open, save or show is decided in `keep` and the reducer.

use wasm_bindgen::{JsCast, JsValue};

use crate::keep::{self, Opening};

/// The form field with `id` in the page. A select is read through the same
/// binding: the glue only reads and writes its `value`, which both have.
pub fn field(id: &str) -> Option<web_sys::HtmlInputElement> {
    let element = web_sys::window()?.document()?.get_element_by_id(id)?;
    Some(element.unchecked_into())
}

/// The value of the form field with `id` (an input or a select); "" if there is none.
pub fn field_value(id: &str) -> String {
    field(id).map(|f| f.value()).unwrap_or_default()
}

/// Empties the input with `id`.
pub fn clear_field(id: &str) {
    if let Some(f) = field(id) {
        f.set_value("");
    }
}

/// The page's fragment, with its `#`, or "" when there is none (or no browser).
pub fn hash() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// The page's address without its fragment ("" with no browser).
pub fn page_url() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        match href.split_once('#') {
            Some((base, _)) => base.to_string(),
            None => href,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Puts `fragment` (with its `#`) in the address bar without a new history
/// entry and without a `hashchange` event.
pub fn set_hash(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(fragment));
    }
}

/// Takes a share link's fragment off the address bar, once it no longer
/// describes what is on screen; other fragments are left alone.
pub fn drop_share_hash() {
    if !slant_share::is_share_fragment(&hash()) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

/// The stored draft's JSON, if there is one: the sliced draft when there is
/// one whole, else the draft under [`keep::DRAFT_KEY`].
pub fn load_draft() -> Result<Option<String>, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let storage = local_storage()?;
        let read = |key: &str| storage.get_item(key).map_err(|_| keep::storage_message(false, 0));
        if let Some((generation, n)) = read(keep::PARTS_KEY)?.as_deref().and_then(keep::read_parts) {
            let mut json = String::new();
            for i in 0..n {
                match read(&keep::part_key(generation, i))? {
                    Some(part) => json.push_str(&part),
                    None => return read(keep::DRAFT_KEY),
                }
            }
            return Ok(Some(json));
        }
        read(keep::DRAFT_KEY)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Ok(None)
    }
}

/// The message for a failed write of `bytes`.
fn write_failed(e: &JsValue, bytes: usize) -> String {
    let quota = e
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
    keep::storage_message(quota, bytes)
}

/// The page's localStorage, or the message to show when it is switched off
/// (reading `localStorage` itself throws a SecurityError then).
fn local_storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| keep::storage_message(false, 0))
}

/// Stores a short draft in one value; a sliced draft stored before is dropped.
pub fn save_draft(json: &str) -> Result<(), String> {
    let storage = local_storage()?;
    let sliced = storage.get_item(keep::PARTS_KEY).ok().flatten();
    // The parts key goes first: whatever is stored under the draft's key wins from now on.
    if let Some(parts) = sliced.as_deref() {
        let _ = storage.remove_item(keep::PARTS_KEY);
        if let Some((generation, n)) = keep::read_parts(parts) {
            remove_parts(&storage, generation, n);
        }
    }
    storage
        .set_item(keep::DRAFT_KEY, json)
        .map_err(|e| write_failed(&e, json.len()))
}

/// A long draft on its way to storage a slice at a time: [`SlicedSave::step`]
/// writes one slice per call, then the parts key.
pub struct SlicedSave {
    json: String,
    /// Where the next slice starts in `json`, and its index.
    at: usize,
    next: usize,
    generation: char,
    /// The sliced draft stored before, dropped once this one is whole.
    previous: Option<(char, usize)>,
}

impl SlicedSave {
    pub fn new(json: String) -> Result<SlicedSave, String> {
        let storage = local_storage()?;
        let previous = storage
            .get_item(keep::PARTS_KEY)
            .ok()
            .flatten()
            .as_deref()
            .and_then(keep::read_parts);
        Ok(SlicedSave {
            json,
            at: 0,
            next: 0,
            generation: keep::next_generation(previous),
            previous,
        })
    }

    /// Writes the next slice; `Ok(true)` once the draft is stored whole.
    pub fn step(&mut self) -> Result<bool, String> {
        let storage = local_storage()?;
        let bytes = self.json.len();
        let slice = keep::slices(&self.json[self.at..])[0];
        let key = keep::part_key(self.generation, self.next);
        if let Err(e) = storage.set_item(&key, slice) {
            // The old draft may take the room the new one needs: drop it and try once more.
            if let Some((generation, n)) = self.previous.take() {
                let _ = storage.remove_item(keep::PARTS_KEY);
                remove_parts(&storage, generation, n);
            }
            let _ = storage.remove_item(keep::DRAFT_KEY);
            if storage.set_item(&key, slice).is_err() {
                remove_parts(&storage, self.generation, self.next);
                return Err(write_failed(&e, bytes));
            }
        }
        self.at += slice.len();
        self.next += 1;
        if self.at < bytes {
            return Ok(false);
        }
        storage
            .set_item(keep::PARTS_KEY, &keep::parts_value(self.generation, self.next))
            .map_err(|e| write_failed(&e, bytes))?;
        let _ = storage.remove_item(keep::DRAFT_KEY);
        if let Some((generation, n)) = self.previous.take() {
            remove_parts(&storage, generation, n);
        }
        // Slices left over from a longer save of this generation that was cut short.
        let mut i = self.next;
        while storage
            .get_item(&keep::part_key(self.generation, i))
            .ok()
            .flatten()
            .is_some()
        {
            let _ = storage.remove_item(&keep::part_key(self.generation, i));
            i += 1;
        }
        Ok(true)
    }
}

fn remove_parts(storage: &web_sys::Storage, generation: char, n: usize) {
    for i in 0..n {
        let _ = storage.remove_item(&keep::part_key(generation, i));
    }
}

/// What the page opens with: the address's fragment and the stored draft.
pub fn opening() -> Opening {
    keep::opening(&hash(), load_draft())
}

/// Copies `text` to the clipboard; false when the clipboard is missing (an
/// insecure page, an old browser) or the browser refused.
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // `navigator.clipboard` is undefined on insecure pages: look before using it.
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Offers `text` as a download named `name`.
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| format!("Slant could not prepare “{name}” for download."))?;
    download_blob(name, &blob)
}

/// Offers `blob` as a download: an object URL, a temporary `<a download>`
/// clicked, then the URL revoked once the browser has taken it.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let failed = || format!("Slant could not download “{name}”.");
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| failed())?;
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(failed)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
    }
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download in some browsers; a second later it is safe.
    gloo_timers::callback::Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
