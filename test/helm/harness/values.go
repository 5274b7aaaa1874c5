package main

import (
	"encoding/json"
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

// loadYAMLFile parses a YAML document the way Helm does: through JSON, so numbers become
// float64 and maps become map[string]interface{} (Helm uses sigs.k8s.io/yaml). Templates then
// see exactly the types they would see under `helm template`.
func loadYAMLFile(path string) (map[string]interface{}, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out, err := parseYAMLObject(string(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

func parseYAMLObject(text string) (map[string]interface{}, error) {
	var parsed interface{}
	if err := yaml.Unmarshal([]byte(text), &parsed); err != nil {
		return nil, err
	}
	if parsed == nil {
		return map[string]interface{}{}, nil
	}
	normalised, err := viaJSON(parsed)
	if err != nil {
		return nil, err
	}
	object, ok := normalised.(map[string]interface{})
	if !ok {
		return nil, fmt.Errorf("expected a mapping at the top level, got %T", normalised)
	}
	return object, nil
}

func viaJSON(value interface{}) (interface{}, error) {
	encoded, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	var decoded interface{}
	if err := json.Unmarshal(encoded, &decoded); err != nil {
		return nil, err
	}
	return decoded, nil
}

// mergeValues overlays src onto dst like `helm -f a.yaml -f b.yaml`: maps merge key by key,
// anything else (lists included) is replaced, and an explicit null deletes the key.
func mergeValues(dst, src map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(dst))
	for key, value := range dst {
		out[key] = value
	}
	for key, value := range src {
		if value == nil {
			delete(out, key)
			continue
		}
		srcMap, srcIsMap := value.(map[string]interface{})
		dstMap, dstIsMap := out[key].(map[string]interface{})
		if srcIsMap && dstIsMap {
			out[key] = mergeValues(dstMap, srcMap)
		} else {
			out[key] = value
		}
	}
	return out
}
