// The article's share panel: copy the page's link (no inline script, CSP script-src 'self').
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('button[data-copy]').forEach((button) => {
    button.addEventListener('click', async () => {
      const input = document.getElementById(button.dataset.copy);
      if (!input) return;
      try {
        await navigator.clipboard.writeText(input.value);
      } catch (e) {
        input.select();
        document.execCommand('copy');
      }
      button.textContent = button.dataset.copied;
    });
  });
});
