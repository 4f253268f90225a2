// "None of these" and "I'm not sure" exclude the other choices of a multiple-choice question.
// The engine checks this again on the server; this only saves the patient a round trip.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "checkbox" || !input.checked) return;
  const group = input.closest("fieldset");
  if (!group) return;
  for (const other of group.querySelectorAll("input[type=checkbox]")) {
    if (other !== input && (input.dataset.exclusive === "true" || other.dataset.exclusive === "true")) {
      other.checked = false;
    }
  }
});
